using System.Security.Cryptography;
using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Services;
using Auth.Core.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>
/// The RS256/ES256 keys of this instance, kept in memory and shared with every other instance through the
/// signing_keys table. <see cref="MaintainAsync"/> applies the rotation schedule: the first key is made and
/// activated on an empty table; the next one is stored (published, not yet signing) a day before the active one has
/// lived Jwt:KeyLifetimeDays and activated when it has; a superseded key is retired once every token it signed has
/// expired. Every write is conditional (unique generation, "where not yet activated/retired"), so instances doing the
/// same step at once end with one result and one audit event.
/// </summary>
public sealed partial class SigningKeyRing(
    IOptions<JwtOptions> options, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SigningKeyRing> logger) : IDisposable
{
    /// <summary>Two JWKS max-ages: a consumer's cached key set has been refetched at least once before the key signs.</summary>
    public static readonly TimeSpan MinimumPublishedBeforeUse = TimeSpan.FromMinutes(10);

    /// <summary>How often an unknown kid may send this instance to the database (a flood of made-up kids costs one read per interval).</summary>
    private static readonly TimeSpan UnknownKidRefreshInterval = TimeSpan.FromSeconds(5);

    private readonly JwtOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile SigningKeySet? _set;
    private long _lastUnknownKidRefresh = long.MinValue / 2;
    private int _maintenanceRunning;

    /// <summary>
    /// How far ahead of its activation the next key is published: a day (longer than a stock .NET consumer's 12-hour
    /// automatic refresh, so it has the key before the first token signed with it), at most half a key's lifetime.
    /// </summary>
    public TimeSpan PublishAhead => TimeSpan.FromDays(Math.Min(1, _options.KeyLifetimeDays / 2));

    /// <summary>How long a superseded key stays accepted: the longest a token it signed can still be valid.</summary>
    public TimeSpan RetireAfter => TimeSpan.FromMinutes(_options.AccessTokenMinutes) + TimeSpan.FromSeconds(_options.ClockSkewSeconds);

    /// <summary>The keys as last loaded; the first call loads them (and makes the first key if there is none).</summary>
    public SigningKeySet Current
    {
        get
        {
            if (_set is { } set)
                return set;
            // Only when start-up could not reach the database: the first request that signs or validates loads the keys.
            MaintainAsync(CancellationToken.None).GetAwaiter().GetResult();
            return _set ?? SigningKeySet.Empty;
        }
    }

    /// <summary>The key that signs new tokens; starts maintenance in the background when the schedule says a change is due.</summary>
    public SigningCredentials SigningCredentials
    {
        get
        {
            var set = Current;
            if (clock.GetUtcNow() >= set.NextChangeAt)
                _ = MaintainInBackgroundAsync();
            return set.Signing ?? throw new InvalidOperationException(
                "No signing key can be used: the active key could not be decrypted with Jwt:Secret (see the error logged at start-up).");
        }
    }

    /// <summary>
    /// The key a token names by its kid, or none: a token never chooses a key we do not hold, and carries no key of its
    /// own. An unknown kid may be a key another instance just made: the keys are reloaded (at most every few seconds).
    /// </summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? kid)
    {
        if (string.IsNullOrEmpty(kid))
            return [];
        if ((_set ?? SigningKeySet.Empty).Accepted.TryGetValue(kid, out var key))
            return [key];
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastUnknownKidRefresh);
        if (now - last < UnknownKidRefreshInterval.TotalMilliseconds
            || Interlocked.CompareExchange(ref _lastUnknownKidRefresh, now, last) != last)
            return [];
        try
        {
            // The token handler asks for keys synchronously; this blocks one request at most every few seconds.
            LoadAsync(maintain: false, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReloadFailed(logger, e.Message);
        }
        return (_set ?? SigningKeySet.Empty).Accepted.TryGetValue(kid, out key) ? [key] : [];
    }

    /// <summary>Applies the rotation schedule (writing what is due) and reloads the keys.</summary>
    public Task MaintainAsync(CancellationToken ct) => LoadAsync(maintain: true, ct);

    private async Task MaintainInBackgroundAsync()
    {
        if (Interlocked.Exchange(ref _maintenanceRunning, 1) == 1)
            return;
        try
        {
            await Task.Yield();
            await MaintainAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogReloadFailed(logger, e.Message);
        }
        finally
        {
            Volatile.Write(ref _maintenanceRunning, 0);
        }
    }

    private async Task LoadAsync(bool maintain, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(_options.SigningKeyPath))
        {
            _set ??= FromFile(_options.SigningKeyPath);
            return;
        }
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ISigningKeyStore>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            var stored = await ReadAsync(store, ct);
            // Each step that writes starts over from what is stored now: another instance may have written too.
            for (var step = 0; maintain && step < 8 && await MaintainStepAsync(store, audit, stored, ct); step++)
                stored = await ReadAsync(store, ct);
            _set = Build(stored.Keys, maintain);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The unretired keys of the configured algorithm, and the highest generation stored at the same read. A new key
    /// takes that generation plus one, so an instance deciding from a read that another instance has since overtaken
    /// collides on the unique generation instead of adding a second key.
    /// </summary>
    private sealed record Stored(List<SigningKey> Keys, int MaxGeneration);

    private async Task<Stored> ReadAsync(ISigningKeyStore store, CancellationToken ct)
    {
        var all = await store.ListAsync(includeRetired: true, ct);
        return new Stored(all.Where(k => k.RetiredAt is null && k.Algorithm == _options.Algorithm).ToList(),
            all.Count == 0 ? 0 : all.Max(k => k.Generation));
    }

    private static SigningKey? ActiveOf(IEnumerable<SigningKey> keys) =>
        keys.Where(k => k.ActivatedAt is not null).MaxBy(k => k.Generation);

    /// <summary>One due change, or none: true when something was written (or lost to another instance) and the keys must be reread.</summary>
    private async Task<bool> MaintainStepAsync(ISigningKeyStore store, AuditTrail audit, Stored stored, CancellationToken ct)
    {
        var keys = stored.Keys;
        var now = clock.GetUtcNow();
        var active = ActiveOf(keys);
        if (active is null)
        {
            await CreateAsync(store, audit, stored.MaxGeneration + 1, activate: true, ct);
            return true;
        }
        if (OpenPrivateKey(active) is null)
        {
            if (!_options.SecretIsEphemeral)
                return false; // Build reports it; nothing here can fix a wrong secret
            // Development without Jwt:Secret: the keys of an earlier run were sealed with its random secret, and so
            // were its tokens' lifetimes. Retire them and start again, as tokens died with that run anyway.
            LogEphemeralKeysReplaced(logger, keys.Count);
            foreach (var key in keys)
                await RetireAsync(store, audit, key, "its secret was ephemeral", ct);
            return true;
        }
        foreach (var stale in keys.Where(k => k.ActivatedAt is null && k.Generation < active.Generation))
        {
            await RetireAsync(store, audit, stale, "never activated; a later key was", ct);
            return true;
        }
        foreach (var previous in keys.Where(k => k.ActivatedAt is not null && k.Generation < active.Generation))
        {
            if (now >= RetiresAt(previous, keys))
            {
                await RetireAsync(store, audit, previous, "every token it signed has expired", ct);
                return true;
            }
        }
        var due = active.ActivatedAt!.Value + TimeSpan.FromDays(_options.KeyLifetimeDays);
        var next = keys.Where(k => k.ActivatedAt is null && k.Generation > active.Generation).MinBy(k => k.Generation);
        if (next is null && now >= due - PublishAhead)
        {
            await CreateAsync(store, audit, stored.MaxGeneration + 1, activate: false, ct);
            return true;
        }
        if (next is not null && now >= due && now >= next.CreatedAt + MinimumPublishedBeforeUse)
        {
            if (await store.ActivateAsync(next.Id, now, ct))
                await audit.RecordAsync(AuditEventTypes.KeyActivated, null, null, Describe(next, "scheduled rotation"), ct: ct);
            return true;
        }
        return false;
    }

    /// <summary>When a superseded key stops being accepted: its successor's activation plus the longest token lifetime.</summary>
    private DateTimeOffset RetiresAt(SigningKey previous, IEnumerable<SigningKey> keys)
    {
        var successor = keys.Where(k => k.ActivatedAt is not null && k.Generation > previous.Generation).MinBy(k => k.Generation);
        return successor is null ? DateTimeOffset.MaxValue : successor.ActivatedAt!.Value + RetireAfter;
    }

    private async Task<SigningKey?> CreateAsync(ISigningKeyStore store, AuditTrail audit, int generation, bool activate, CancellationToken ct)
    {
        var key = NewKey(generation, activate);
        if (!await store.TryAddAsync(key, ct))
            return null; // another instance stored this generation first: it is the one
        await audit.RecordAsync(AuditEventTypes.KeyCreated, null, null, Describe(key, activate ? "signing now" : "published ahead of use"), ct: ct);
        if (activate)
            await audit.RecordAsync(AuditEventTypes.KeyActivated, null, null, Describe(key, "first key or rotated by an operator"), ct: ct);
        return key;
    }

    private SigningKey NewKey(int generation, bool activate)
    {
        using var pair = SigningKeyMaterial.Generate(_options.Algorithm);
        var kid = SigningKeyMaterial.Kid(pair);
        var now = clock.GetUtcNow();
        return new SigningKey
        {
            Kid = kid,
            Algorithm = _options.Algorithm,
            Generation = generation,
            PublicKey = SigningKeyMaterial.PublicPem(pair),
            EncryptedPrivateKey = new PrivateKeyProtector(_options.Secret).Seal(pair.ExportPkcs8PrivateKey(), kid),
            CreatedAt = now,
            ActivatedAt = activate ? now : null,
        };
    }

    private async Task RetireAsync(ISigningKeyStore store, AuditTrail audit, SigningKey key, string why, CancellationToken ct)
    {
        if (await store.RetireAsync(key.Id, clock.GetUtcNow(), ct))
            await audit.RecordAsync(AuditEventTypes.KeyRetired, null, null, Describe(key, why), ct: ct);
    }

    private static string Describe(SigningKey key, string why) => $"{key.Algorithm} kid {key.Kid} (generation {key.Generation}): {why}";

    /// <summary>What an operator's <c>keys rotate</c> did.</summary>
    public sealed record Rotation(SigningKey Activated, IReadOnlyList<(SigningKey Key, DateTimeOffset? RetiresAt)> Previous);

    /// <summary>
    /// Rotates now: the published next key (if there is one) or a new one signs from now on. Previous keys stay
    /// accepted until their tokens expire, or are retired at once with <paramref name="revokePrevious"/>.
    /// </summary>
    public async Task<Rotation> RotateAsync(bool revokePrevious, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ISigningKeyStore>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            var stored = await ReadAsync(store, ct);
            var keys = stored.Keys;
            var active = ActiveOf(keys);
            var next = keys.Where(k => k.ActivatedAt is null && (active is null || k.Generation > active.Generation)).MinBy(k => k.Generation);
            SigningKey activated;
            if (next is not null && await store.ActivateAsync(next.Id, clock.GetUtcNow(), ct))
            {
                activated = next;
                await audit.RecordAsync(AuditEventTypes.KeyActivated, null, null, Describe(next, "rotated by an operator"), ct: ct);
            }
            else
            {
                activated = await CreateAsync(store, audit, stored.MaxGeneration + 1, activate: true, ct)
                            ?? throw new InvalidOperationException("another instance rotated the keys at the same moment; see `keys list`.");
            }
            keys = (await ReadAsync(store, ct)).Keys;
            var previous = new List<(SigningKey, DateTimeOffset?)>();
            foreach (var key in keys.Where(k => k.Id != activated.Id))
            {
                if (revokePrevious)
                {
                    await RetireAsync(store, audit, key, "revoked by an operator", ct);
                    previous.Add((key, clock.GetUtcNow()));
                }
                else
                    previous.Add((key, key.ActivatedAt is null ? null : RetiresAt(key, keys)));
            }
            _set = Build((await ReadAsync(store, ct)).Keys, reportUndecryptable: false);
            return new Rotation(keys.Single(k => k.Id == activated.Id), previous);
        }
        finally
        {
            _gate.Release();
        }
    }

    private SigningKeySet Build(List<SigningKey> keys, bool reportUndecryptable)
    {
        var previousSet = _set;
        var accepted = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        var published = new List<Microsoft.IdentityModel.Tokens.JsonWebKey>();
        foreach (var key in keys)
        {
            // The same SecurityKey object across reloads: the token handler caches its verifier per key object.
            if (previousSet?.Accepted.TryGetValue(key.Kid, out var known) != true)
                known = SigningKeyMaterial.SecurityKey(SigningKeyMaterial.FromPublicPem(key.Algorithm, key.PublicKey), key.Kid);
            accepted[key.Kid] = known!;
            published.Add(SigningKeyMaterial.PublicJwk((AsymmetricSecurityKey)known!, key.Kid, key.Algorithm));
        }

        var active = ActiveOf(keys);
        SigningCredentials? signing = null;
        if (active is not null)
        {
            if (previousSet?.Signing is { } same && same.Kid == active.Kid)
                signing = same;
            else if (OpenPrivateKey(active) is { } pkcs8)
                signing = new SigningCredentials(
                    SigningKeyMaterial.SecurityKey(SigningKeyMaterial.FromPkcs8(active.Algorithm, pkcs8), active.Kid), active.Algorithm);
            else if (reportUndecryptable)
                throw new InvalidOperationException(
                    $"Jwt:Secret cannot decrypt the active signing key {active.Kid}: it was encrypted with another secret. Set " +
                    "Jwt:Secret back to that secret, or make a key with this one: `keys rotate --revoke-previous` (tokens signed " +
                    "with the old key then stop working).");
        }
        return new SigningKeySet(signing, accepted, published, NextChangeAt(keys, active));
    }

    private DateTimeOffset NextChangeAt(List<SigningKey> keys, SigningKey? active)
    {
        if (active is null)
            return DateTimeOffset.MinValue;
        var due = active.ActivatedAt!.Value + TimeSpan.FromDays(_options.KeyLifetimeDays);
        var next = keys.Where(k => k.ActivatedAt is null && k.Generation > active.Generation).MinBy(k => k.Generation);
        var change = next is null ? due - PublishAhead : Max(due, next.CreatedAt + MinimumPublishedBeforeUse);
        foreach (var previous in keys.Where(k => k.ActivatedAt is not null && k.Generation < active.Generation))
            change = Min(change, RetiresAt(previous, keys));
        return change;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private byte[]? OpenPrivateKey(SigningKey key) =>
        new PrivateKeyProtector(_options.Secret).TryOpen(key.EncryptedPrivateKey, key.Kid);

    private SigningKeySet FromFile(string path)
    {
        var pair = SigningKeyFile.Load(path, _options.Algorithm);
        var kid = SigningKeyMaterial.Kid(pair);
        var privateKey = SigningKeyMaterial.SecurityKey(pair, kid);
        var publicKey = SigningKeyMaterial.SecurityKey(SigningKeyMaterial.FromPublicPem(_options.Algorithm, SigningKeyMaterial.PublicPem(pair)), kid);
        return new SigningKeySet(new SigningCredentials(privateKey, _options.Algorithm),
            new Dictionary<string, SecurityKey> { [kid] = publicKey },
            [SigningKeyMaterial.PublicJwk(publicKey, kid, _options.Algorithm)], DateTimeOffset.MaxValue);
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the signing keys failed: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Count} signing key(s) were sealed with an earlier run's random Jwt:Secret (Development): retiring them and making a new key.")]
    private static partial void LogEphemeralKeysReplaced(ILogger logger, int count);
}
