using Auth.Core.Abstractions;
using Auth.Core.Users;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Auth.Api.Authentication;

/// <summary>
/// Opt-in, short-lived, size-bounded memory of "user id and session -> account (or none)" for the authentication path only, on a
/// MemoryCache of its own (its size limit counts accounts). Admin operations never read through it: they always see
/// the database.
/// </summary>
public sealed class AccountCache : IDisposable
{
    private readonly TimeSpan _lifetime;
    private readonly MemoryCache? _cache;

    public AccountCache(IOptions<AccountCacheOptions> options, TimeProvider clock)
    {
        _lifetime = TimeSpan.FromSeconds(options.Value.LifetimeSeconds);
        if (_lifetime > TimeSpan.Zero)
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit, Clock = new Clock(clock) });
    }

    public bool Enabled => _cache is not null;

    /// <summary>
    /// The account while the session is active, as the database has it, or had it at most LifetimeSeconds ago when
    /// the cache is on.
    /// </summary>
    public async Task<User?> FindAsync(long id, string sessionId, Func<IUserRepository> users, CancellationToken ct)
    {
        if (_cache is null)
            return await users().FindInSessionAsync(id, sessionId, ct);
        var key = (id, sessionId);
        if (_cache.TryGetValue(key, out User? cached))
            return cached;

        var account = await users().FindInSessionAsync(id, sessionId, ct);
        _cache.Set(key, account, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        return account;
    }

    public void Dispose() => _cache?.Dispose();

    /// <summary>MemoryCache tells the time through its own clock interface; entries expire by the injected TimeProvider.</summary>
    private sealed class Clock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
