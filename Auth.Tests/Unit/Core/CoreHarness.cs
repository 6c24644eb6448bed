using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Options;
using Auth.Core.Security;
using Auth.Core.Services;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Auth.Tests.Unit.Core;

/// <summary>
/// The authentication service over in-memory throttle and refresh-token stores that keep the stores' contracts
/// (IRefreshTokenStore, ILoginThrottleStore), so that tests can play whole sequences of logins and refreshes
/// against a FakeTimeProvider. Accounts and bcrypt are mocked: a registered account has exactly one right password.
/// </summary>
internal sealed class CoreHarness
{
    public static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);
    public Mock<IUserRepository> Users { get; } = new();
    public Mock<IPasswordHasher> Hasher { get; } = new();
    public Mock<ITokenIssuer> Tokens { get; } = new();
    public InMemoryLoginThrottles Throttles { get; } = new();
    public InMemoryRefreshTokens RefreshTokens { get; } = new();
    public List<AuditEvent> Audit { get; } = [];
    public LockoutOptions Lockout { get; } = new() { MaxFailures = 3, Minutes = 5 };
    public RefreshTokenOptions Refresh { get; } = new() { LifetimeDays = 7 };

    public CoreHarness()
    {
        Hasher.Setup(h => h.VerifyAsync(It.IsAny<string?>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordVerification.Failed);
        Tokens.Setup(t => t.Issue(It.IsAny<User>(), It.IsAny<string>())).Returns((User u, string _) => new AccessToken($"jwt-{u.Id}", 1800));
    }

    public AuditTrail AuditTrail
    {
        get
        {
            var log = new Mock<IAuditLog>();
            log.Setup(l => l.WriteAsync(Capture.In(Audit), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
            return new AuditTrail(log.Object, Clock, NullLogger<AuditTrail>.Instance);
        }
    }

    public InMemorySessions Sessions => _sessions ??= new InMemorySessions(RefreshTokens);
    private InMemorySessions? _sessions;

    public IAuthenticationService Authentication => new AuthenticationService(Users.Object, Hasher.Object, RefreshTokens,
        new SessionService(Sessions, AuditTrail, Clock),
        new SessionTokens(Sessions, RefreshTokens, Tokens.Object, MsOptions.Create(Refresh), Clock),
        new CredentialThrottle(Throttles, AuditTrail, MsOptions.Create(Lockout), Clock), AuditTrail, Clock);

    /// <summary>An account that <paramref name="password"/> opens; every other password fails.</summary>
    public User AddAccount(long id, string username, string password)
    {
        var user = new User
        {
            Id = id, Username = username, NormalizedUsername = Usernames.Normalize(username),
            PasswordHash = $"$2b$10$hash-of-{id}", Role = Role.User, CreatedAt = Start,
        };
        Users.Setup(u => u.FindByNormalizedUsernameAsync(user.NormalizedUsername, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        Users.Setup(u => u.FindByIdAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        Hasher.Setup(h => h.VerifyAsync(user.PasswordHash, password, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordVerification.Succeeded);
        return user;
    }

    public IEnumerable<AuditEvent> AuditOf(string type) => Audit.Where(e => e.Type == type);
}

/// <summary>
/// ILoginThrottleStore's contract in memory: a row per name, created by the first slot or failure; each operation is
/// atomic (one lock), as each is one statement in the database.
/// </summary>
internal sealed class InMemoryLoginThrottles : ILoginThrottleStore
{
    private readonly Dictionary<string, LoginThrottle> _rows = [];

    /// <summary>Slots taken so far, by any check (a test's count of checks that were let through).</summary>
    public int SlotsTaken { get; private set; }

    public Task<LoginThrottle?> GetAsync(string normalizedUsername, CancellationToken ct = default)
    {
        lock (_rows)
            return Task.FromResult(_rows.TryGetValue(normalizedUsername, out var row) ? Copy(row) : null);
    }

    public Task<bool> TryTakeSlotAsync(string normalizedUsername, int maxChecks, DateTimeOffset at,
        DateTimeOffset failuresSince, DateTimeOffset slotsSince, CancellationToken ct = default)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue(normalizedUsername, out var row))
                _rows[normalizedUsername] = row = new LoginThrottle { NormalizedUsername = normalizedUsername };
            var failures = row.LastFailureAt > failuresSince ? row.Failures : 0;
            var inFlight = row.InFlightSince > slotsSince ? row.InFlight : 0;
            if (row.LockedUntil > at || failures + inFlight >= maxChecks)
                return Task.FromResult(false);
            row.Failures = failures;
            row.InFlight = inFlight + 1;
            row.InFlightSince = row.InFlightSince > at ? row.InFlightSince : at;
            SlotsTaken++;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseSlotAsync(string normalizedUsername, bool forgetFailures, CancellationToken ct = default)
    {
        lock (_rows)
        {
            if (_rows.TryGetValue(normalizedUsername, out var row))
            {
                row.InFlight = Math.Max(row.InFlight - 1, 0);
                if (forgetFailures)
                    (row.Failures, row.LastFailureAt, row.LockedUntil) = (0, null, null);
            }
            return Task.CompletedTask;
        }
    }

    public Task<int> RecordFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue(normalizedUsername, out var row))
                _rows[normalizedUsername] = row = new LoginThrottle { NormalizedUsername = normalizedUsername, InFlight = 1 };
            row.Failures++;
            row.LastFailureAt = at;
            row.InFlight = Math.Max(row.InFlight - 1, 0);
            return Task.FromResult(row.Failures);
        }
    }

    public Task LockAsync(string normalizedUsername, DateTimeOffset until, CancellationToken ct = default)
    {
        lock (_rows)
        {
            if (_rows.TryGetValue(normalizedUsername, out var row))
                row.LockedUntil = until;
            return Task.CompletedTask;
        }
    }

    public int Count
    {
        get { lock (_rows) return _rows.Count; }
    }

    private static LoginThrottle Copy(LoginThrottle row) => new()
    {
        NormalizedUsername = row.NormalizedUsername, Failures = row.Failures, LastFailureAt = row.LastFailureAt,
        LockedUntil = row.LockedUntil, InFlight = row.InFlight, InFlightSince = row.InFlightSince,
    };
}

/// <summary>IRefreshTokenStore's contract in memory, including the conditional consume that detects replays.</summary>
internal sealed class InMemoryRefreshTokens : IRefreshTokenStore
{
    private readonly List<RefreshToken> _rows = [];

    public IReadOnlyList<RefreshToken> All => _rows;

    public Task AddAsync(RefreshToken token, CancellationToken ct = default)
    {
        token.Id = _rows.Count + 1;
        _rows.Add(token);
        return Task.CompletedTask;
    }

    public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken ct = default) =>
        Task.FromResult(_rows.SingleOrDefault(t => t.TokenHash == tokenHash) is { } t ? Copy(t) : null);

    public Task<bool> TryConsumeAsync(long id, DateTimeOffset at, CancellationToken ct = default)
    {
        var row = _rows.Single(t => t.Id == id);
        if (row.ConsumedAt is not null || row.RevokedAt is not null)
            return Task.FromResult(false);
        row.ConsumedAt = at;
        return Task.FromResult(true);
    }

    /// <summary>What the session store does to a revoked session's tokens.</summary>
    public void Revoke(Func<RefreshToken, bool> which, DateTimeOffset at)
    {
        foreach (var row in _rows.Where(t => t.RevokedAt is null && which(t)))
            row.RevokedAt = at;
    }

    private static RefreshToken Copy(RefreshToken t) => new()
    {
        Id = t.Id, UserId = t.UserId, FamilyId = t.FamilyId, TokenHash = t.TokenHash, CreatedAt = t.CreatedAt,
        ExpiresAt = t.ExpiresAt, ConsumedAt = t.ConsumedAt, RevokedAt = t.RevokedAt,
    };
}

/// <summary>ISessionStore's contract in memory: revoking a session revokes its family's refresh tokens.</summary>
internal sealed class InMemorySessions(InMemoryRefreshTokens tokens) : ISessionStore
{
    private readonly List<Session> _rows = [];

    public IReadOnlyList<Session> All => _rows;

    public Task AddAsync(Session session, CancellationToken ct = default)
    {
        _rows.Add(session);
        return Task.CompletedTask;
    }

    public Task<Session?> FindAsync(string id, CancellationToken ct = default) => Task.FromResult(_rows.SingleOrDefault(s => s.Id == id));

    public Task<IReadOnlyList<Session>> ListActiveAsync(long userId, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Session>>(_rows.Where(s => s.UserId == userId && s.RevokedAt is null && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt).ToList());

    public Task<bool> TouchAsync(string id, DateTimeOffset at, DateTimeOffset expiresAt, string? ip, string? userAgent, CancellationToken ct = default)
    {
        var row = _rows.SingleOrDefault(s => s.Id == id && s.RevokedAt is null);
        if (row is null)
            return Task.FromResult(false);
        (row.LastUsedAt, row.ExpiresAt, row.Ip, row.UserAgent) = (at, expiresAt, ip, userAgent);
        return Task.FromResult(true);
    }

    public Task<bool> RevokeAsync(long userId, string id, DateTimeOffset at, CancellationToken ct = default)
    {
        var row = _rows.SingleOrDefault(s => s.Id == id && s.UserId == userId && s.RevokedAt is null);
        if (row is not null)
            row.RevokedAt = at;
        tokens.Revoke(t => t.FamilyId == id && t.UserId == userId, at);
        return Task.FromResult(row is not null);
    }

    public Task<int> RevokeAllAsync(long userId, string? exceptId, DateTimeOffset at, CancellationToken ct = default)
    {
        var rows = _rows.Where(s => s.UserId == userId && s.RevokedAt is null && s.Id != exceptId).ToList();
        rows.ForEach(s => s.RevokedAt = at);
        tokens.Revoke(t => t.UserId == userId && t.FamilyId != exceptId, at);
        return Task.FromResult(rows.Count);
    }
}
