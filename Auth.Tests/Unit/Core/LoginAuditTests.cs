using Auth.Core.Auditing;
using Auth.Core.Common;

namespace Auth.Tests.Unit.Core;

/// <summary>What an admin reads in the audit log after logins, refreshes and logouts.</summary>
public sealed class LoginAuditTests
{
    private CoreHarness _core = null!;

    [SetUp]
    public void CreateHarness()
    {
        _core = new CoreHarness();
        _core.AddAccount(7, "Alice", "right password");
    }

    [Test]
    public async Task AFailedLoginForAnUnknownName_IsAuditedAsUnknownUsername_WithNoAccount()
    {
        await _core.Authentication.AuthenticateAsync("ghost", "pw", new ClientInfo("192.0.2.1"));

        var failed = _core.AuditOf(AuditEventTypes.LoginFailed).Single();
        Assert.Multiple(() =>
        {
            Assert.That(failed.UserId, Is.Null);
            Assert.That(failed.Username, Is.EqualTo("ghost"));
            Assert.That(failed.Detail, Is.EqualTo("unknown username"));
            Assert.That(failed.ClientIp, Is.EqualTo("192.0.2.1"));
            Assert.That(failed.OccurredAt, Is.EqualTo(CoreHarness.Start));
        });
    }

    [Test]
    public async Task AFailedLoginWithAWrongPassword_IsAuditedAsWrongPassword_OnTheAccount()
    {
        await _core.Authentication.AuthenticateAsync("alice", "wrong", new ClientInfo("192.0.2.1"));

        var failed = _core.AuditOf(AuditEventTypes.LoginFailed).Single();
        Assert.Multiple(() =>
        {
            Assert.That(failed.UserId, Is.EqualTo(7));
            Assert.That(failed.Username, Is.EqualTo("alice"));
            Assert.That(failed.Detail, Is.EqualTo("wrong password"));
        });
    }

    [Test]
    public async Task ASuccessfulLogin_IsAuditedOnce_WithTheAccountsOwnSpelling()
    {
        await _core.Authentication.AuthenticateAsync("ALICE", "right password", new ClientInfo("192.0.2.1"));

        var succeeded = _core.Audit.Single();
        Assert.Multiple(() =>
        {
            Assert.That(succeeded.Type, Is.EqualTo(AuditEventTypes.LoginSucceeded));
            Assert.That(succeeded.UserId, Is.EqualTo(7));
            Assert.That(succeeded.Username, Is.EqualTo("Alice"));
            Assert.That(succeeded.ClientIp, Is.EqualTo("192.0.2.1"));
        });
    }

    [Test]
    public async Task AReusedRefreshToken_IsAuditedOnItsOwner_NamingTheRevokedFamily()
    {
        var first = (await _core.Authentication.AuthenticateAsync("alice", "right password")).Value!;
        await _core.Authentication.RefreshAsync(first.RefreshToken);

        await _core.Authentication.RefreshAsync(first.RefreshToken, new ClientInfo("198.51.100.9"));

        var family = _core.RefreshTokens.All[0].FamilyId;
        var reused = _core.AuditOf(AuditEventTypes.RefreshReused).Single();
        Assert.Multiple(() =>
        {
            Assert.That(reused.UserId, Is.EqualTo(7));
            Assert.That(reused.Detail, Is.EqualTo($"session {family} revoked"));
            Assert.That(reused.ClientIp, Is.EqualTo("198.51.100.9"));
        });
    }

    [Test]
    public async Task ALogout_IsAuditedOnTheAccount()
    {
        var signedIn = (await _core.Authentication.AuthenticateAsync("alice", "right password")).Value!;

        var result = await _core.Authentication.LogoutAsync(7, signedIn.RefreshToken, new ClientInfo("192.0.2.1"));

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Success));
        var logout = _core.AuditOf(AuditEventTypes.Logout).Single();
        Assert.That((logout.UserId, logout.ClientIp), Is.EqualTo(((long?)7, "192.0.2.1")));
    }
}
