using Auth.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Auth.Tests.Browser;

/// <summary>Signup:Mode=closed: GET /api/me tells guests signupOpen:false, and the app offers no way to sign up.</summary>
[Category("Browser")]
public sealed class ClosedSignupTests : BrowserTestBase
{
    protected override void Configure(AuthApiFactory app) => app.Settings["Signup:Mode"] = "closed";

    [Test]
    public async Task Guest_SeesNoSignUpLinks_AndTheSignUpPageSaysAnAdminCreatesAccounts()
    {
        await GoToAsync("/");
        await Expect(Page.Locator("#nav-login")).ToBeVisibleAsync();
        await Expect(Page.Locator("#nav-signup")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#home-signup")).ToHaveCountAsync(0);

        await Page.Locator("#nav-login").ClickAsync();
        await Expect(Page.Locator("#login-form")).ToBeVisibleAsync();
        await Expect(Page.Locator("#to-signup")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#to-reset")).ToBeVisibleAsync();

        await GoToAsync("/signup");
        await Expect(Page.Locator("#signup-closed")).ToContainTextAsync("Ask an admin to create your account.");
        await Expect(Page.Locator("#signup-form")).ToHaveCountAsync(0);
        await Page.Locator("#closed-to-reset").ClickAsync();
        await Expect(Page.Locator("#reset-form")).ToBeVisibleAsync();
    }
}
