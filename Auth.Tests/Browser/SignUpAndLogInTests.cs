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
}
