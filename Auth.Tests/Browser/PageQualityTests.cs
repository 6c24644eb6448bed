using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Auth.Tests.Browser;

/// <summary>Properties of the page as a whole: a clean console and nothing a strict CSP would block.</summary>
[Category("Browser")]
public sealed class PageQualityTests : BrowserTestBase
{
    [Test]
    public async Task FullJourney_WithEveryExpectedFailure_LogsNoConsoleErrorsAndNoPageErrors()
    {
        var taken = NewUsername("taken");
        var username = NewUsername("erin");
        var other = NewUsername("frank");
        await SignUpThroughApiAsync(taken);
        await SignUpThroughApiAsync(other);

        // Sign up: first a password that is too short (400), then a taken name (409), then a new one.
        await GoToAsync("/signup");
        await Page.Locator("#signup-username").FillAsync(taken);
        await Page.Locator("#signup-password").FillAsync("short");
        await Page.Locator("#signup-submit").ClickAsync();
        await Expect(Page.Locator("#signup-password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#signup-password-error")).Not.ToBeEmptyAsync();
        await Page.Locator("#signup-password").FillAsync(Password);
        await Page.Locator("#signup-submit").ClickAsync();
        await Expect(Page.Locator("#signup-error")).ToContainTextAsync("taken");
        await Page.Locator("#signup-username").FillAsync(username);
        await Page.Locator("#signup-submit").ClickAsync();
        await Expect(Page.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {username}!");

        // The admin console as a user (403), then sign out and a wrong password (401).
        await GoToAsync("/admin");
        await Expect(Page.Locator("#not-allowed")).ToBeVisibleAsync();
        await Page.Locator("button#sign-out").ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync("You have signed out.");
        await Page.Locator("#nav-login").ClickAsync();
        await Page.Locator("#login-username").FillAsync(username);
        await Page.Locator("#login-password").FillAsync("not the password");
        await Page.Locator("#login-submit").ClickAsync();
        await Expect(Page.Locator("#login-error")).ToHaveTextAsync("Invalid username or password.");

        // Promoted: log in, use the console (role change, delete), reload, unknown page, sign out.
        await PromoteInDatabaseAsync(username);
        await LogInThroughFormAsync(username, open: false);
        await Page.Locator("#nav-admin").ClickAsync();
        var row = UserRow(other);
        await row.Locator("select[data-testid=role-select]").SelectOptionAsync("admin");
        await row.Locator("button[data-testid=role-apply]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-role", "admin");
        await UserRow(taken).Locator("[data-testid=delete-user]").ClickAsync();
        await UserRow(taken).Locator("[data-testid=confirm-delete]").ClickAsync();
        await Expect(UserRow(taken)).ToHaveCountAsync(0);
        await Page.ReloadAsync();
        await WaitForRenderAsync();
        await Expect(Page.Locator("#admin-welcome")).ToBeVisibleAsync();
        await GoToAsync("/no/such/page");
        await Expect(Page.Locator("#not-found")).ToBeVisibleAsync();
        await Page.Locator("#nav-home").ClickAsync();
        await Page.Locator("button#sign-out").ClickAsync();
        await Expect(Page.Locator("#nav-login")).ToBeVisibleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(UnexpectedConsoleErrors, Is.Empty, "console errors other than the deliberate 400/401/403/409 answers");
            Assert.That(PageErrors, Is.Empty, "uncaught exceptions in the page");
            Assert.That(Dialogs, Is.Empty);
            // The listener works: the deliberate failures were seen (and are the only errors).
            Assert.That(ConsoleErrors, Has.Some.Contains("status of 400"));
            Assert.That(ConsoleErrors, Has.Some.Contains("status of 409"));
            Assert.That(ConsoleErrors, Has.Some.Contains("status of 401"));
            Assert.That(ConsoleErrors, Has.Some.Contains("status of 403"));
        });
    }

    [Test]
    public async Task ServedHtmlAndDomAfterAJourney_HaveNoInlineScriptsOrStyles_SoDefaultSrcSelfHolds()
    {
        var html = await Api.GetStringAsync("/admin");
        Assert.Multiple(() =>
        {
            Assert.That(Regex.Matches(html, @"<script\b(?![^>]*\bsrc=)", RegexOptions.IgnoreCase), Is.Empty, "inline <script>");
            Assert.That(Regex.Matches(html, @"<style\b", RegexOptions.IgnoreCase), Is.Empty, "<style> element");
            Assert.That(Regex.Matches(html, @"\sstyle\s*=", RegexOptions.IgnoreCase), Is.Empty, "style attribute");
            Assert.That(Regex.Matches(html, @"\son[a-z]+\s*=", RegexOptions.IgnoreCase), Is.Empty, "inline event handler");
            Assert.That(Regex.Matches(html, @"(src|href)\s*=\s*""(https?:)?//", RegexOptions.IgnoreCase), Is.Empty, "resource from another origin");
        });

        var admin = NewUsername("admin");
        var other = NewUsername("gina");
        await SignUpThroughApiAsync(admin);
        await PromoteInDatabaseAsync(admin);
        await SignUpThroughApiAsync(other);
        const string inline = "document.querySelectorAll('script:not([src]), style, [style]').length";

        await GoToAsync("/signup");
        await Page.Locator("#signup-submit").ClickAsync(); // empty form: field errors rendered
        await Expect(Page.Locator("#signup-username[aria-invalid=true]")).ToHaveCountAsync(1);
        Assert.That(await Page.EvaluateAsync<int>(inline), Is.Zero, "after signup errors");

        await LogInThroughFormAsync(admin);
        await Page.Locator("#nav-admin").ClickAsync();
        var row = UserRow(other);
        await row.Locator("select[data-testid=role-select]").SelectOptionAsync("admin");
        await row.Locator("button[data-testid=role-apply]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-role", "admin");
        await row.Locator("[data-testid=delete-user]").ClickAsync();
        await Expect(row.Locator("[data-testid=confirm-delete]")).ToBeVisibleAsync();

        Assert.That(await Page.EvaluateAsync<int>(inline), Is.Zero, "after using the admin console");
        var scripts = await Page.EvaluateAsync<string[]>("() => [...document.scripts].map(s => s.src)");
        Assert.That(scripts, Is.All.StartsWith(BaseUrl + "/"), "every script comes from this origin");
    }
}
