using System.Collections.Concurrent;
using Auth.Core.Abstractions;
using Auth.Core.Users;
using Microsoft.Extensions.Options;

namespace Auth.Api.Authentication;

/// <summary>Configuration section <c>Performance</c>.</summary>
public sealed class PerformanceOptions
{
    public const string Section = "Performance";

    /// <summary>
    /// How long the per-request account lookup may be answered from memory. 0 (the default) turns the cache off, so a
    /// role change or a deletion takes effect on the user's next request; any other value lets it take up to this long.
    /// </summary>
    public double UserCacheSeconds { get; set; }

    /// <summary>Most accounts held at once; when full, expired entries are dropped and new ones are not cached.</summary>
    public int UserCacheSize { get; set; } = 10_000;
}

/// <summary>
/// Opt-in, short-lived, size-bounded memory of "user id -> account (or none)" for the authentication path only.
/// Admin operations never read through it: they always see the database.
/// </summary>
public sealed class AccountCache(IOptions<PerformanceOptions> options, TimeProvider clock)
{
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(options.Value.UserCacheSeconds);
    private readonly int _capacity = options.Value.UserCacheSize;
    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    private sealed record Entry(User? Account, DateTimeOffset ExpiresAt);

    public bool Enabled => _lifetime > TimeSpan.Zero;

    /// <summary>The account as the database has it, or had it at most UserCacheSeconds ago when the cache is on.</summary>
    public async Task<User?> FindAsync(long id, Func<IUserRepository> users, CancellationToken ct)
    {
        if (!Enabled)
            return await users().FindByIdAsync(id, ct);

        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(id, out var cached) && cached.ExpiresAt > now)
            return cached.Account;

        var account = await users().FindByIdAsync(id, ct);
        if (_entries.Count >= _capacity)
            DropExpired(now);
        if (_entries.Count < _capacity || _entries.ContainsKey(id))
            _entries[id] = new Entry(account, now + _lifetime);
        return account;
    }

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var (id, entry) in _entries)
            if (entry.ExpiresAt <= now)
                _entries.TryRemove(id, out _);
    }
}

public sealed class PerformanceOptionsValidator : IValidateOptions<PerformanceOptions>
{
    public ValidateOptionsResult Validate(string? name, PerformanceOptions o)
    {
        var failures = new List<string>();
        if (o.UserCacheSeconds is < 0 or > 300)
            failures.Add("Performance:UserCacheSeconds must be between 0 (off, the default) and 300.");
        if (o.UserCacheSize is < 1 or > 1_000_000)
            failures.Add("Performance:UserCacheSize must be between 1 and 1000000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
