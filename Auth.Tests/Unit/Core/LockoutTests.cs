using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Services;
using Moq;

namespace Auth.Tests.Unit.Core;

/// <summary>Lockout as a user meets it, played against the clock: 3 failures lock a name for 5 minutes.</summary>
public sealed class LockoutTests
{
    private CoreHarness _core = null!;

    [SetUp]
    public void CreateHarness()
    {
        _core = new CoreHarness();
        _core.AddAccount(7, "Alice", "right password");
    }

    private Task<Result<SignedIn>> Login(string password, string username = "alice") =>
        _core.Authentication.AuthenticateAsync(username, password, new ClientInfo("192.0.2.1"));

    private async Task FailTimes(int count, string username = "alice")
    {
        for (var i = 0; i < count; i++)
            Assert.That((await Login("wrong", username)).Outcome, Is.EqualTo(Outcome.InvalidCredentials));
    }

    [Test]
    public async Task TheLockingFailure_StillAnswersInvalidCredentials_AndTheNextAttemptWaitsTheWholeLockout()
    {
        await FailTimes(3);

        var refused = await Login("right password");

        Assert.That(refused.Outcome, Is.EqualTo(Outcome.TooManyAttempts));
        Assert.That(refused.Message, Is.EqualTo(AuthenticationService.TooManyAttemptsMessage));
        Assert.That(refused.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task TheLock_EndsToTheSecond()
    {
        await FailTimes(3);

        _core.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var lastLockedSecond = await Login("right password");
        _core.Clock.Advance(TimeSpan.FromSeconds(1));
        var firstFreeSecond = await Login("right password");

        Assert.That(lastLockedSecond.Outcome, Is.EqualTo(Outcome.TooManyAttempts));
        Assert.That(lastLockedSecond.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(firstFreeSecond.Outcome, Is.EqualTo(Outcome.Success));
    }

    [Test]
    public async Task OneFailureFewerThanTheLimit_DoesNotLock()
    {
        await FailTimes(2);

        Assert.That((await Login("right password")).Outcome, Is.EqualTo(Outcome.Success));
    }

    [Test]
    public async Task ASuccessfulLogin_ForgetsTheFailuresBeforeIt()
    {
        await FailTimes(2);
        Assert.That((await Login("right password")).Outcome, Is.EqualTo(Outcome.Success));

        await FailTimes(2);

        Assert.That((await Login("right password")).Outcome, Is.EqualTo(Outcome.Success));
    }

    [TestCase(299, Outcome.TooManyAttempts)]
    [TestCase(300, Outcome.Success)]
    public async Task FailuresAreRemembered_ForTheLockoutWindowAfterTheLastOne(int secondsLater, Outcome outcomeAfterAThirdFailure)
    {
        await FailTimes(2);
        _core.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        await FailTimes(1);

        Assert.That((await Login("right password")).Outcome, Is.EqualTo(outcomeAfterAThirdFailure));
    }

    [Test]
    public async Task AnUnknownName_IsLockedLikeAKnownOne_SoLockoutDoesNotTellWhichNamesExist()
    {
        await FailTimes(3, "ghost");

        var refused = await Login("anything", "ghost");

        Assert.That(refused.Outcome, Is.EqualTo(Outcome.TooManyAttempts));
        Assert.That(refused.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task TheLimitAndTheDuration_AreTheConfiguredOnes()
    {
        _core.Lockout.MaxFailures = 1;
        _core.Lockout.Minutes = 0.5;

        await FailTimes(1);
        var refused = await Login("right password");
        _core.Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.That(refused.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That((await Login("right password")).Outcome, Is.EqualTo(Outcome.Success));
    }

    [Test]
    public async Task ALockedName_IsAuditedWithTheTimeItUnlocks()
    {
        await FailTimes(3);

        var locked = _core.AuditOf(AuditEventTypes.LockedOut).Single();
        Assert.Multiple(() =>
        {
            Assert.That(locked.UserId, Is.EqualTo(7));
            Assert.That(locked.Username, Is.EqualTo("alice"));
            Assert.That(locked.ClientIp, Is.EqualTo("192.0.2.1"));
            Assert.That(locked.Detail, Is.EqualTo($"3 failed attempts: locked until {CoreHarness.Start.AddMinutes(5):O}"));
        });
    }

    [TestCase("al ice")]
    [TestCase("ab")]
    [TestCase("alice@example.com")]
    public async Task ANameThatBreaksTheUsernameRules_CostsABcryptCheck_ButIsNeitherLookedUpNorCounted(string name)
    {
        for (var i = 0; i < 5; i++)
            Assert.That((await Login("pw", name)).Outcome, Is.EqualTo(Outcome.InvalidCredentials));

        _core.Hasher.Verify(h => h.VerifyAsync(null, "pw", It.IsAny<CancellationToken>()), Times.Exactly(5));
        _core.Users.Verify(u => u.FindByNormalizedUsernameAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_core.Throttles.Count, Is.Zero);
    }

    // "ſam" (long s) breaks the rules, yet upper-cases invariantly to SAM: it must not reach Sam's account or lock.
    private const string SamLookalike = "\u017Fam";

    [Test]
    public async Task ALookalikeNameThatUpperCasesToAnAccountsName_DoesNotSignIntoThatAccount()
    {
        _core.AddAccount(8, "Sam", "sams password");
        Assert.That(Auth.Core.Users.Usernames.Normalize(SamLookalike), Is.EqualTo("SAM"));

        var result = await Login("sams password", SamLookalike);

        Assert.That(result.Outcome, Is.EqualTo(Outcome.InvalidCredentials));
        _core.Tokens.Verify(t => t.Issue(It.IsAny<Auth.Core.Users.User>(), It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task ALookalikeNameThatUpperCasesToALockedName_IsNotToldAboutThatLock()
    {
        _core.AddAccount(8, "Sam", "sams password");
        await FailTimes(3, "sam");

        Assert.That((await Login("sams password", SamLookalike)).Outcome, Is.EqualTo(Outcome.InvalidCredentials));
    }

    [Test]
    public async Task ANameWithSurroundingSpaces_IsNotTheAccount_AndCannotLockIt()
    {
        await FailTimes(2);
        // Not trimmed into "ALICE": a padded name breaks the username rule, so it is nobody (and no throttle row).
        await FailTimes(5, "  ALICE ");

        Assert.That((await Login("right password")).Outcome, Is.EqualTo(Outcome.Success));
    }
}
