using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Options;
using Auth.Core.Security;
using Auth.Core.Services;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Auth.Tests.Unit;

/// <summary>The Core services' rules, with every store mocked.</summary>
public sealed class CoreServiceTests
{
    private Mock<IUserRepository> _users = null!;
    private Mock<IPasswordHasher> _hasher = null!;
    private Mock<ITokenIssuer> _tokens = null!;
    private Mock<IRefreshTokenStore> _refresh = null!;
    private Mock<ISessionService> _sessions = null!;
    private Mock<ISessionStore> _sessionStore = null!;
    private Mock<ILoginThrottleStore> _throttles = null!;
    private Mock<IAuditLog> _audit = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void CreateMocks()
    {
        _users = new Mock<IUserRepository>();
        _hasher = new Mock<IPasswordHasher>();
        _tokens = new Mock<ITokenIssuer>();
        _refresh = new Mock<IRefreshTokenStore>();
        _sessions = new Mock<ISessionService>();
        _sessionStore = new Mock<ISessionStore>();
        _sessionStore.Setup(s => s.TouchAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(),
            It.IsAny<string?>(), It.IsAny<string?>(), default)).ReturnsAsync(true);
        _throttles = new Mock<ILoginThrottleStore>();
        _audit = new Mock<IAuditLog>();
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _tokens.Setup(t => t.Issue(It.IsAny<User>(), It.IsAny<string>())).Returns(new AccessToken("jwt", 1800));
        // A free verification slot, as for any name nobody else is checking.
        _throttles.Setup(t => t.TryTakeSlotAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<DateTimeOffset>(),
            It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    private void NoSlotFor(string normalizedUsername) =>
        _throttles.Setup(t => t.TryTakeSlotAsync(normalizedUsername, It.IsAny<int>(), It.IsAny<DateTimeOffset>(),
            It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

    private AuditTrail Audit => new(_audit.Object, _clock, NullLogger<AuditTrail>.Instance);

    private CredentialThrottle Throttle =>
        new(_throttles.Object, Audit, MsOptions.Create(new LockoutOptions { MaxFailures = 5, Minutes = 5 }), _clock);

    private SessionTokens SessionTokens =>
        new(_sessionStore.Object, _refresh.Object, _tokens.Object, MsOptions.Create(new RefreshTokenOptions()), _clock);

    private IAccountService Accounts => new AccountService(_users.Object, _hasher.Object, _sessions.Object, SessionTokens, Throttle, Audit,
        MsOptions.Create(new SignupOptions()), _clock);

    private IAuthenticationService Authentication =>
        new AuthenticationService(_users.Object, _hasher.Object, _refresh.Object, _sessions.Object, SessionTokens, Throttle, Audit, _clock);

    private IUserAdministration Administration => new UserAdministration(_users.Object, _hasher.Object, _sessions.Object, _audit.Object, Audit,
        MsOptions.Create(new PasswordResetOptions()), _clock);

    private static User Alice(Role role = Role.User) =>
        new() { Id = 7, Username = "Alice", NormalizedUsername = "ALICE", PasswordHash = "$2b$10$hash", Role = role };

    // --- sign-up

    [Test]
    public async Task SignUp_CreatesARoleUserWithANormalizedNameAndAHashedPassword()
    {
        _hasher.Setup(h => h.HashAsync("password1", default)).ReturnsAsync("$2b$10$hashed");
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), default)).ReturnsAsync(true);

        var result = await Accounts.SignUpAsync("Alice", "password1");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Created));
        _users.Verify(u => u.TryAddAsync(It.Is<User>(x =>
            x.Username == "Alice" && x.NormalizedUsername == "ALICE" && x.PasswordHash == "$2b$10$hashed"
            && x.Role == Role.User && x.CreatedAt == _clock.GetUtcNow()), default));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEvent>(e => e.Type == AuditEventTypes.SignUp), default));
    }

    [Test]
    public async Task SignUp_WithATakenName_ReturnsConflictWithoutPayingForAHash()
    {
        _users.Setup(u => u.FindByNormalizedUsernameAsync("ALICE", default)).ReturnsAsync(Alice());

        var result = await Accounts.SignUpAsync("alice", "password1");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Conflict));
        _hasher.Verify(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SignUp_LosingTheRaceOnTheUniqueIndex_ReturnsConflict()
    {
        _hasher.Setup(h => h.HashAsync(It.IsAny<string>(), default)).ReturnsAsync("$2b$10$hashed");
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), default)).ReturnsAsync(false);

        Assert.That((await Accounts.SignUpAsync("alice", "password1")).Outcome, Is.EqualTo(Outcome.Conflict));
    }

    // --- authentication

    [Test]
    public async Task Authenticate_UnknownUser_VerifiesAgainstTheDummyHash_AndCountsAFailure()
    {
        _hasher.Setup(h => h.VerifyAsync(null, "pw", default)).ReturnsAsync(PasswordVerification.Failed);
        _throttles.Setup(t => t.RecordFailureAsync("GHOST", _clock.GetUtcNow(), default)).ReturnsAsync(1);

        var result = await Authentication.AuthenticateAsync("ghost", "pw");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        Assert.That(result.Message, Is.EqualTo(AuthenticationService.InvalidCredentialsMessage));
        _hasher.Verify(h => h.VerifyAsync(null, "pw", It.IsAny<CancellationToken>()), Times.Once);
        _throttles.Verify(t => t.RecordFailureAsync("GHOST", _clock.GetUtcNow(), default), Times.Once);
    }

    [Test]
    public async Task Authenticate_WrongPassword_GivesTheSameOutcomeAndMessageAsAnUnknownUser()
    {
        _users.Setup(u => u.FindByNormalizedUsernameAsync("ALICE", default)).ReturnsAsync(Alice());
        _hasher.Setup(h => h.VerifyAsync("$2b$10$hash", "wrong", default)).ReturnsAsync(PasswordVerification.Failed);
        _throttles.Setup(t => t.RecordFailureAsync("ALICE", It.IsAny<DateTimeOffset>(), default)).ReturnsAsync(1);

        var result = await Authentication.AuthenticateAsync("alice", "wrong");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        Assert.That(result.Message, Is.EqualTo(AuthenticationService.InvalidCredentialsMessage));
        _tokens.Verify(t => t.Issue(It.IsAny<User>(), It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task Authenticate_WithAnOverlongUnknownName_AuditsItClippedToTheColumnLength()
    {
        _hasher.Setup(h => h.VerifyAsync(null, "pw", default)).ReturnsAsync(PasswordVerification.Failed);
        var name = new string('x', 500);
        var clipped = name.Substring(0, AuditEvent.UsernameMaxLength);

        var result = await Authentication.AuthenticateAsync(name, "pw", client: new ClientInfo(new string('1', 100)));

        Assert.That(result.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEvent>(e => e.Type == AuditEventTypes.LoginFailed
            && e.Username == clipped
            && e.ClientIp!.Length == AuditEvent.ClientIpMaxLength), default));
    }

    [Test]
    public async Task Authenticate_TheFifthFailure_LocksTheNameForTheConfiguredTime()
    {
        _hasher.Setup(h => h.VerifyAsync(It.IsAny<string?>(), It.IsAny<string>(), default)).ReturnsAsync(PasswordVerification.Failed);
        _throttles.Setup(t => t.RecordFailureAsync("ALICE", It.IsAny<DateTimeOffset>(), default)).ReturnsAsync(5);

        await Authentication.AuthenticateAsync("alice", "wrong");

        _throttles.Verify(t => t.LockAsync("ALICE", _clock.GetUtcNow().AddMinutes(5), default), Times.Once);
    }

    [Test]
    public async Task Authenticate_WhileLocked_RefusesWithoutCheckingThePassword()
    {
        NoSlotFor("ALICE");
        _throttles.Setup(t => t.GetAsync("ALICE", default))
            .ReturnsAsync(new LoginThrottle { NormalizedUsername = "ALICE", LockedUntil = _clock.GetUtcNow().AddMinutes(2) });

        var result = await Authentication.AuthenticateAsync("alice", "right password");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.TooManyAttempts));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(2)));
        _hasher.Verify(h => h.VerifyAsync(It.IsAny<string?>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Authenticate_WhileLocked_AuditsTheRefusedAttemptAsAFailedLogin()
    {
        NoSlotFor("ALICE");
        _throttles.Setup(t => t.GetAsync("ALICE", default))
            .ReturnsAsync(new LoginThrottle { NormalizedUsername = "ALICE", LockedUntil = _clock.GetUtcNow().AddMinutes(2) });

        await Authentication.AuthenticateAsync("alice", "right password", new ClientInfo("192.0.2.1"));

        _audit.Verify(a => a.WriteAsync(It.Is<AuditEvent>(e => e.Type == AuditEventTypes.LoginFailed && e.Username == "alice"
            && e.Detail == "locked out" && e.ClientIp == "192.0.2.1"), default), Times.Once);
    }

    [Test]
    public async Task Authenticate_TheLockingFailure_IsAuditedWithTheAccountAndTheNameAsTyped()
    {
        _users.Setup(u => u.FindByNormalizedUsernameAsync("ALICE", default)).ReturnsAsync(Alice());
        _hasher.Setup(h => h.VerifyAsync(It.IsAny<string?>(), It.IsAny<string>(), default)).ReturnsAsync(PasswordVerification.Failed);
        _throttles.Setup(t => t.RecordFailureAsync("ALICE", It.IsAny<DateTimeOffset>(), default)).ReturnsAsync(5);

        await Authentication.AuthenticateAsync("alice", "wrong", new ClientInfo("192.0.2.1"));

        _audit.Verify(a => a.WriteAsync(It.Is<AuditEvent>(e => e.Type == AuditEventTypes.LockedOut && e.UserId == 7
            && e.Username == "alice" && e.ClientIp == "192.0.2.1" && e.Detail!.StartsWith("5 failed attempts")), default), Times.Once);
    }

    [Test]
    public async Task Authenticate_WithMaxFailuresCountedButTheLockNotYetWritten_IsRefusedWithoutCheckingThePassword()
    {
        // The fifth failure has been counted by a parallel attempt that has not written the lock yet.
        NoSlotFor("ALICE");
        _throttles.Setup(t => t.GetAsync("ALICE", default)).ReturnsAsync(new LoginThrottle
        {
            NormalizedUsername = "ALICE", Failures = 5, LastFailureAt = _clock.GetUtcNow(),
        });

        var result = await Authentication.AuthenticateAsync("alice", "guess");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.TooManyAttempts));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
        _hasher.Verify(h => h.VerifyAsync(It.IsAny<string?>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Audit_ReplacesControlCharacters_SoAUsernameCannotForgeLogLines()
    {
        _hasher.Setup(h => h.VerifyAsync(It.IsAny<string?>(), It.IsAny<string>(), default)).ReturnsAsync(PasswordVerification.Failed);

        await Authentication.AuthenticateAsync("evil\r\ninfo: admin logged in", "guess");

        _audit.Verify(a => a.WriteAsync(It.Is<AuditEvent>(e => e.Username == "evil??info: admin logged in"), default));
    }

    [Test]
    public async Task Authenticate_AsksTheStoreForASlotUnderTheConfiguredLimitWindowAndLease()
    {
        _hasher.Setup(h => h.VerifyAsync(It.IsAny<string?>(), It.IsAny<string>(), default)).ReturnsAsync(PasswordVerification.Failed);
        _throttles.Setup(t => t.RecordFailureAsync("ALICE", It.IsAny<DateTimeOffset>(), default)).ReturnsAsync(1);
        var now = _clock.GetUtcNow();

        await Authentication.AuthenticateAsync("alice", "wrong");

        // Failures older than the lockout window are forgotten, slots older than the lease are void.
        _throttles.Verify(t => t.TryTakeSlotAsync("ALICE", 5, now, now.AddMinutes(-5), now - CredentialThrottle.SlotLease, default), Times.Once);
        _throttles.Verify(t => t.LockAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Authenticate_RightPasswordWithACheaperStoredHash_StoresANewHash()
    {
        _users.Setup(u => u.FindByNormalizedUsernameAsync("ALICE", default)).ReturnsAsync(Alice());
        _hasher.Setup(h => h.VerifyAsync("$2b$10$hash", "pw", default)).ReturnsAsync(PasswordVerification.SucceededRehashNeeded);
        _hasher.Setup(h => h.HashAsync("pw", default)).ReturnsAsync("$2b$12$stronger");

        var result = await Authentication.AuthenticateAsync("alice", "pw");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Success));
        _users.Verify(u => u.UpdatePasswordHashAsync(7, "$2b$12$stronger", default), Times.Once);
    }

    [Test]
    public async Task Authenticate_Success_IssuesTokensAndStoresOnlyTheRefreshTokensHash()
    {
        _users.Setup(u => u.FindByNormalizedUsernameAsync("ALICE", default)).ReturnsAsync(Alice());
        _hasher.Setup(h => h.VerifyAsync("$2b$10$hash", "pw", default)).ReturnsAsync(PasswordVerification.Succeeded);
        RefreshToken? stored = null;
        _refresh.Setup(r => r.AddAsync(It.IsAny<RefreshToken>(), default)).Callback<RefreshToken, CancellationToken>((t, _) => stored = t);

        var result = await Authentication.AuthenticateAsync("alice", "pw");

        Assert.That(result.Value!.AccessToken.Value, Is.EqualTo("jwt"));
        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.TokenHash, Is.EqualTo(TokenValues.Hash(result.Value.RefreshToken)));
        Assert.That(stored.ExpiresAt, Is.EqualTo(_clock.GetUtcNow().AddDays(7)));
        _users.Verify(u => u.UpdatePasswordHashAsync(It.IsAny<long>(), It.IsAny<string>(), default), Times.Never);
    }

    [Test]
    public async Task Refresh_WithATokenUsedBefore_RevokesItsFamily()
    {
        var token = new RefreshToken { Id = 3, UserId = 7, FamilyId = "fam", ConsumedAt = _clock.GetUtcNow().AddMinutes(-1), ExpiresAt = _clock.GetUtcNow().AddDays(1) };
        _refresh.Setup(r => r.FindByHashAsync(TokenValues.Hash("old"), default)).ReturnsAsync(token);

        var result = await Authentication.RefreshAsync("old");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        _sessions.Verify(s => s.RevokeAsync(7, "fam", null, It.IsAny<ClientInfo>(), default), Times.Once);
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEvent>(e => e.Type == AuditEventTypes.RefreshReused), default));
    }

    [Test]
    public async Task Refresh_LosingTheConsumeRaceToAnotherInstance_CountsAsReuse()
    {
        var token = new RefreshToken { Id = 3, UserId = 7, FamilyId = "fam", ExpiresAt = _clock.GetUtcNow().AddDays(1) };
        _refresh.Setup(r => r.FindByHashAsync(It.IsAny<string>(), default)).ReturnsAsync(token);
        _refresh.Setup(r => r.TryConsumeAsync(3, It.IsAny<DateTimeOffset>(), default)).ReturnsAsync(false);

        Assert.That((await Authentication.RefreshAsync("raced")).Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        _sessions.Verify(s => s.RevokeAsync(7, "fam", null, It.IsAny<ClientInfo>(), default), Times.Once);
    }

    [Test]
    public async Task Refresh_Valid_RotatesWithinTheSameFamily()
    {
        var token = new RefreshToken { Id = 3, UserId = 7, FamilyId = "fam", ExpiresAt = _clock.GetUtcNow().AddDays(1) };
        _refresh.Setup(r => r.FindByHashAsync(It.IsAny<string>(), default)).ReturnsAsync(token);
        _refresh.Setup(r => r.TryConsumeAsync(3, It.IsAny<DateTimeOffset>(), default)).ReturnsAsync(true);
        _users.Setup(u => u.FindByIdAsync(7, default)).ReturnsAsync(Alice());

        var result = await Authentication.RefreshAsync("current");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Success));
        _refresh.Verify(r => r.AddAsync(It.Is<RefreshToken>(t => t.FamilyId == "fam" && t.UserId == 7), default), Times.Once);
        _sessionStore.Verify(s => s.TouchAsync("fam", _clock.GetUtcNow(), It.IsAny<DateTimeOffset>(), null, null, default), Times.Once);
    }

    // --- administration

    [Test]
    public async Task ChangeRole_RefusedByTheStoreAsTheLastAdmin_IsAConflict_WithNoRevocationOrAudit()
    {
        _users.Setup(u => u.FindByIdAsync(7, default)).ReturnsAsync(Alice(Role.Admin));
        _users.Setup(u => u.UpdateRoleAsync(7, Role.User, default)).ReturnsAsync(AdminGuardedWrite.LastAdmin);

        var result = await Administration.ChangeRoleAsync(7, 7, Role.User);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Conflict));
            Assert.That(result.Message, Is.EqualTo(UserAdministration.LastAdminMessage));
        });
        _sessions.Verify(s => s.RevokeAllAsync(It.IsAny<long>(), It.IsAny<string?>(), It.IsAny<long?>(), It.IsAny<ClientInfo>(), default), Times.Never);
        _audit.Verify(a => a.WriteAsync(It.IsAny<AuditEvent>(), default), Times.Never);
    }

    [Test]
    public async Task ChangeRole_WithAnotherAdminLeft_Demotes_AndLeavesTheSessionsToTheDatabaseRole()
    {
        _users.Setup(u => u.FindByIdAsync(7, default)).ReturnsAsync(Alice(Role.Admin));
        _users.Setup(u => u.UpdateRoleAsync(7, Role.User, default)).ReturnsAsync(AdminGuardedWrite.Done);

        var result = await Administration.ChangeRoleAsync(1, 7, Role.User);

        Assert.That(result.Value!.Role, Is.EqualTo(Role.User));
        _sessions.Verify(s => s.RevokeAllAsync(It.IsAny<long>(), It.IsAny<string?>(), It.IsAny<long?>(), It.IsAny<ClientInfo>(), default), Times.Never);
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEvent>(e => e.Type == AuditEventTypes.RoleChanged
            && e.ActorId == 1 && e.UserId == 7 && e.Detail == "admin -> user"), default));
    }

    [Test]
    public async Task ChangeRole_ToTheRoleAlreadyHeld_WritesNothing()
    {
        _users.Setup(u => u.FindByIdAsync(7, default)).ReturnsAsync(Alice(Role.Admin));

        var result = await Administration.ChangeRoleAsync(1, 7, Role.Admin);

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Success));
        _users.Verify(u => u.UpdateRoleAsync(It.IsAny<long>(), It.IsAny<Role>(), default), Times.Never);
        _audit.Verify(a => a.WriteAsync(It.IsAny<AuditEvent>(), default), Times.Never);
    }

    [Test]
    public async Task ChangeRole_OfAnUnknownUser_IsNotFound()
    {
        Assert.That((await Administration.ChangeRoleAsync(1, 99, Role.Admin)).Outcome, Is.EqualTo(Outcome.NotFound));
    }

    [Test]
    public async Task ChangeRole_OfAUserDeletedMeanwhile_IsNotFound()
    {
        _users.Setup(u => u.FindByIdAsync(7, default)).ReturnsAsync(Alice());
        _users.Setup(u => u.UpdateRoleAsync(7, Role.Admin, default)).ReturnsAsync(AdminGuardedWrite.NotFound);

        Assert.That((await Administration.ChangeRoleAsync(1, 7, Role.Admin)).Outcome, Is.EqualTo(Outcome.NotFound));
        _audit.Verify(a => a.WriteAsync(It.IsAny<AuditEvent>(), default), Times.Never);
    }

    [Test]
    public async Task Delete_RefusedByTheStoreAsTheLastAdmin_IsAConflict_WithNoAudit()
    {
        _users.Setup(u => u.FindByIdAsync(7, default)).ReturnsAsync(Alice(Role.Admin));
        _users.Setup(u => u.DeleteAsync(7, default)).ReturnsAsync(AdminGuardedWrite.LastAdmin);

        Assert.That((await Administration.DeleteAsync(7, 7)).Outcome, Is.EqualTo(Outcome.Conflict));
        _audit.Verify(a => a.WriteAsync(It.IsAny<AuditEvent>(), default), Times.Never);
    }

    [Test]
    public async Task Delete_AUser_DeletesAndAudits()
    {
        _users.Setup(u => u.FindByIdAsync(7, default)).ReturnsAsync(Alice());
        _users.Setup(u => u.DeleteAsync(7, default)).ReturnsAsync(AdminGuardedWrite.Done);

        Assert.That((await Administration.DeleteAsync(1, 7)).Outcome, Is.EqualTo(Outcome.Success));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEvent>(e => e.Type == AuditEventTypes.UserDeleted
            && e.ActorId == 1 && e.UserId == 7), default));
    }
}
