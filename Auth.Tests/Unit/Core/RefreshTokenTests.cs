using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Services;
using Auth.Core.Users;
using Moq;

namespace Auth.Tests.Unit.Core;

/// <summary>Refresh-token rotation, reuse detection, expiry to the second, and logout.</summary>
public sealed class RefreshTokenTests
{
    private CoreHarness _core = null!;

    [SetUp]
    public void CreateHarness()
    {
        _core = new CoreHarness();
        _core.AddAccount(7, "Alice", "right password");
        _core.AddAccount(8, "Bob", "bobs password");
    }

    private async Task<string> Login(string username = "alice", string password = "right password") =>
        (await _core.Authentication.AuthenticateAsync(username, password)).Value!.RefreshToken;

    private Task<Result<SignedIn>> Refresh(string token) => _core.Authentication.RefreshAsync(token);

    [Test]
    public async Task ARefresh_GivesANewTokenForTheSameAccount_WithAFreshLifetime()
    {
        var first = await Login();
        _core.Clock.Advance(TimeSpan.FromDays(3));

        var refreshed = await Refresh(first);

        Assert.That(refreshed.Outcome, Is.EqualTo(Outcome.Success));
        Assert.That(refreshed.Value!.RefreshToken, Is.Not.EqualTo(first));
        Assert.That(refreshed.Value.User.Id, Is.EqualTo(7));
        Assert.That(refreshed.Value.AccessToken.Value, Is.EqualTo("jwt-7"));
        var stored = _core.RefreshTokens.All[^1];
        Assert.That(stored.ExpiresAt, Is.EqualTo(_core.Clock.GetUtcNow().AddDays(7)));
        Assert.That(stored.FamilyId, Is.EqualTo(_core.RefreshTokens.All[0].FamilyId));
    }

    [Test]
    public async Task TheRotatedToken_WorksInItsTurn()
    {
        var second = (await Refresh(await Login())).Value!.RefreshToken;

        Assert.That((await Refresh(second)).Outcome, Is.EqualTo(Outcome.Success));
    }

    [Test]
    public async Task EachLogin_StartsItsOwnFamily()
    {
        await Login();
        await Login();

        Assert.That(_core.RefreshTokens.All.Select(t => t.FamilyId).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task ReusingAnOldToken_IsRefused_AndEndsEveryTokenOfItsFamily()
    {
        var first = await Login();
        var second = (await Refresh(first)).Value!.RefreshToken;

        var replay = await Refresh(first);

        Assert.That(replay.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        Assert.That(replay.Message, Is.EqualTo(AuthenticationService.InvalidRefreshTokenMessage));
        Assert.That((await Refresh(second)).Outcome, Is.EqualTo(Outcome.InvalidCredentials));
    }

    [Test]
    public async Task ReusingAToken_LeavesTheAccountsOtherSessionsAlone()
    {
        var laptop = await Login();
        var phone = await Login();
        await Refresh(laptop);

        await Refresh(laptop);

        Assert.That((await Refresh(phone)).Outcome, Is.EqualTo(Outcome.Success));
    }

    [TestCase(-1, Outcome.Success)]
    [TestCase(0, Outcome.InvalidCredentials)]
    public async Task AToken_ExpiresToTheSecond(int secondsFromExpiry, Outcome outcome)
    {
        var token = await Login();
        _core.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(secondsFromExpiry));

        Assert.That((await Refresh(token)).Outcome, Is.EqualTo(outcome));
    }

    [Test]
    public async Task AnExpiredToken_IsRefusedWithoutCountingAsReuse()
    {
        var token = await Login();
        _core.Clock.Advance(TimeSpan.FromDays(8));

        await Refresh(token);

        Assert.That(_core.AuditOf(AuditEventTypes.RefreshReused), Is.Empty);
        Assert.That(_core.RefreshTokens.All.Single().RevokedAt, Is.Null);
    }

    [Test]
    public async Task AnUnknownToken_IsRefused()
    {
        await Login();

        var result = await Refresh("not-a-token-we-issued");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        Assert.That(result.Message, Is.EqualTo(AuthenticationService.InvalidRefreshTokenMessage));
        Assert.That(_core.AuditOf(AuditEventTypes.RefreshReused), Is.Empty);
    }

    [Test]
    public async Task ATokenOfADeletedAccount_IsRefused()
    {
        var token = await Login();
        _core.Users.Setup(u => u.FindByIdAsync(7, It.IsAny<CancellationToken>())).ReturnsAsync((User?)null);

        Assert.That((await Refresh(token)).Outcome, Is.EqualTo(Outcome.InvalidCredentials));
    }

    [Test]
    public async Task AfterLogout_TheTokenIsRefused_ButNotReportedAsReused()
    {
        var token = await Login();
        Assert.That((await _core.Authentication.LogoutAsync(7, token)).Outcome, Is.EqualTo(Outcome.Success));

        var result = await Refresh(token);

        Assert.That(result.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        Assert.That(_core.AuditOf(AuditEventTypes.RefreshReused), Is.Empty);
    }

    [Test]
    public async Task Logout_EndsTheWholeFamily_FromTheTimeOfLogout()
    {
        var first = await Login();
        var second = (await Refresh(first)).Value!.RefreshToken;
        _core.Clock.Advance(TimeSpan.FromMinutes(10));

        await _core.Authentication.LogoutAsync(7, second);

        Assert.That(_core.RefreshTokens.All.Select(t => t.RevokedAt), Is.All.EqualTo(_core.Clock.GetUtcNow()));
        Assert.That((await Refresh(second)).Outcome, Is.EqualTo(Outcome.InvalidCredentials));
    }

    [Test]
    public async Task Logout_WithSomeoneElsesToken_IsRefused_AndTheirSessionGoesOn()
    {
        var bobs = await Login("bob", "bobs password");

        var result = await _core.Authentication.LogoutAsync(7, bobs);

        Assert.That(result.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        Assert.That(result.Message, Is.EqualTo(AuthenticationService.InvalidRefreshTokenMessage));
        Assert.That(_core.AuditOf(AuditEventTypes.Logout), Is.Empty);
        Assert.That((await Refresh(bobs)).Outcome, Is.EqualTo(Outcome.Success));
    }

    [Test]
    public async Task Logout_WithAnUnknownToken_IsRefused()
    {
        Assert.That((await _core.Authentication.LogoutAsync(7, "not-a-token-we-issued")).Outcome, Is.EqualTo(Outcome.InvalidCredentials));
    }

    [Test]
    public async Task LoggingOutTwice_IsRefusedTheSecondTime()
    {
        var token = await Login();
        await _core.Authentication.LogoutAsync(7, token);

        Assert.That((await _core.Authentication.LogoutAsync(7, token)).Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        Assert.That(_core.AuditOf(AuditEventTypes.Logout).Count(), Is.EqualTo(1));
    }
}
