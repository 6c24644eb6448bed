using static Microsoft.Playwright.Assertions;

namespace Auth.Tests.Browser;

/// <summary>The forms a new user meets first, and where the app sends them.</summary>
[Category("Browser")]
public sealed class SignUpAndLogInTests : BrowserTestBase
{
    [Test]
    public async Task SignUpThenLogIn_ThroughTheForms_ProfileShowsTheUsersAreaWelcome()
    {
        var username = NewUsername("carol");

        await GoToAsync("/");
        await Page.Locator("#nav-signup").ClickAsync();
        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/signup");
        await Page.Locator("#signup-username").FillAsync(username);
        await Page.Locator("#signup-password").FillAsync(Password);
        await Page.Locator("#signup-submit").ClickAsync();

        // Signing up logs straight in and opens the profile.
        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/profile");
        await Expect(Page.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {username}!");
        Assert.That(await RoleInDatabaseAsync(username), Is.EqualTo(2), "stored with role user");

        await Page.Locator("button#sign-out").ClickAsync();
        await Expect(Page.Locator("#nav-login")).ToBeVisibleAsync();
        await Expect(Page.Locator("#nav-username")).ToHaveCountAsync(0);

        await Page.Locator("#nav-login").ClickAsync();
        await LogInThroughFormAsync(username, open: false);

        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/profile");
        await Expect(Page.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {username}!");
        await Expect(Page.Locator("#profile-username")).ToHaveTextAsync(username);
        await Expect(Page.Locator("#nav-profile")).ToBeVisibleAsync();
        await Expect(Page.Locator("#nav-admin")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task GuestOpeningProfile_IsSentToLogin_AndBackToProfileAfterLoggingIn()
    {
        var username = NewUsername("dave");
        await SignUpThroughApiAsync(username);

        await GoToAsync("/profile");

        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/login?next=%2Fprofile");
        await Expect(Page.Locator("#status")).ToHaveTextAsync("Please log in to continue.");
        await LogInThroughFormAsync(username, open: false);
        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/profile");
        await Expect(Page.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {username}!");
    }

    [Test]
    public async Task AdminDeepLink_OpenedInAFreshTab_LeadsThroughLoginToTheConsole_AndSurvivesReload()
    {
        var admin = NewUsername("admin");
        await SignUpThroughApiAsync(admin);
        await PromoteInDatabaseAsync(admin);

        await GoToAsync("/admin");
        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/login?next=%2Fadmin");
        await LogInThroughFormAsync(admin, open: false);
        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/admin");
        await Expect(Page.Locator("#admin-welcome")).ToHaveTextAsync($"Welcome to the admin area {admin}!");

        // Only the refresh token is stored (sessionStorage, this tab); the access token lives in memory.
        var storage = await Page.EvaluateAsync<string[]>(
            "() => [Object.keys(sessionStorage).join(','), String(localStorage.length), document.cookie]");
        Assert.That(storage, Is.EqualTo(new[] { "auth.refreshToken", "0", "" }));

        await Page.ReloadAsync();
        await WaitForRenderAsync();

        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/admin");
        await Expect(Page.Locator("#admin-welcome")).ToHaveTextAsync($"Welcome to the admin area {admin}!");
        await Expect(UserRow(admin)).ToHaveAttributeAsync("data-role", "admin");
        await Expect(Page.Locator("#nav-admin")).ToHaveAttributeAsync("aria-current", "page");
    }

    [Test]
    public async Task ExpiredAccessToken_IsRefreshedOnce_AndThePageOpensWithoutLoggingInAgain()
    {
        var username = NewUsername("hana");
        await SignUpThroughApiAsync(username);
        await LogInThroughFormAsync(username);
        var firstRefreshToken = await StoredRefreshTokenAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(31)); // the access token (30 minutes) has expired on the server
        await Page.Locator("#nav-home").ClickAsync();
        await WaitForRenderAsync();
        await Page.Locator("#nav-profile").ClickAsync();

        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/profile");
        await Expect(Page.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {username}!");
        await Expect(Page.Locator("#status")).ToBeEmptyAsync();
        var secondRefreshToken = await StoredRefreshTokenAsync();
        Assert.That(secondRefreshToken, Is.Not.Null.And.Not.EqualTo(firstRefreshToken), "the refresh token was rotated");
    }

    [Test]
    public async Task ExpiredSession_SendsToLogin_AndBackToTheSamePageAfterLoggingIn()
    {
        var username = NewUsername("ivan");
        await SignUpThroughApiAsync(username);
        await LogInThroughFormAsync(username);
        await Page.Locator("#nav-home").ClickAsync();
        await WaitForRenderAsync();

        App.Clock.Advance(TimeSpan.FromDays(8)); // past the refresh token's 7 days as well
        await Page.Locator("#nav-profile").ClickAsync();

        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/login?next=%2Fprofile");
        await Expect(Page.Locator("#status")).ToHaveTextAsync("Your session has ended. Please log in again.");
        await Expect(Page.Locator("#nav-login")).ToBeVisibleAsync();
        Assert.That(await StoredRefreshTokenAsync(), Is.Null, "the dead refresh token is forgotten");

        await LogInThroughFormAsync(username, open: false);
        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/profile");
        await Expect(Page.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {username}!");
    }

    private Task<string?> StoredRefreshTokenAsync() =>
        Page.EvaluateAsync<string?>("() => sessionStorage.getItem('auth.refreshToken')");
}
