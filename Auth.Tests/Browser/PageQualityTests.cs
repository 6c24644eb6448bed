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

        // The account pages: a wrong current password (400), the delete confirmation, a user's Manage panel.
        await GoToAsync("/profile");
        await Page.Locator("#password-current").FillAsync("not the password");
        await Page.Locator("#password-new").FillAsync("another long passphrase");
        await Page.Locator("#password-submit").ClickAsync();
        await Expect(Page.Locator("#password-current-error")).Not.ToBeEmptyAsync();
        await Expect(Page.Locator("#sessions-table tr[data-current=true]")).ToHaveCountAsync(1);
        await Page.Locator("#delete-account").ClickAsync();
        await Expect(Page.Locator("#delete-password")).ToBeFocusedAsync();
        await GoToAsync("/admin");
        await UserRow(other).Locator("[data-testid=manage-user]").ClickAsync();
        await Expect(Page.Locator("[data-testid=user-sessions]")).ToContainTextAsync("No active sessions.");

        await Page.Locator("#nav-home").ClickAsync();
        await Page.Locator("button#sign-out").ClickAsync();
        await Expect(Page.Locator("#nav-login")).ToBeVisibleAsync();

        // A reset code that does not work (400), reached from the login page.
        await Page.Locator("#nav-login").ClickAsync();
        await Page.Locator("#to-reset").ClickAsync();
        await Page.Locator("#reset-username").FillAsync(username);
        await Page.Locator("#reset-code").FillAsync("not-a-code");
        await Page.Locator("#reset-password").FillAsync("another long passphrase");
        await Page.Locator("#reset-submit").ClickAsync();
        await Expect(Page.Locator("#reset-code-error")).ToHaveTextAsync("The username or reset code is wrong, used or expired.");

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
    public async Task EveryPage_EveryFormControlHasALabel_AndEveryButtonAName()
    {
        var admin = NewUsername("admin");
        await SignUpThroughApiAsync(admin);
        await PromoteInDatabaseAsync(admin);

        foreach (var path in new[] { "/", "/signup", "/login", "/reset" })
        {
            await GoToAsync(path);
            Assert.That(await UnnamedControlsAsync(), Is.Empty, $"unlabelled controls on {path}");
        }
        await LogInThroughFormAsync(admin);
        await GoToAsync("/profile");
        await Page.Locator("#delete-account").ClickAsync();
        await Expect(Page.Locator("#delete-password")).ToBeFocusedAsync();
        Assert.That(await UnnamedControlsAsync(), Is.Empty, "unlabelled controls on /profile");
        await GoToAsync("/admin");
        await UserRow(admin).Locator("[data-testid=manage-user]").ClickAsync();
        await Page.Locator("[data-testid=issue-reset-code]").ClickAsync();
        await Expect(Page.Locator("[data-testid=reset-code]")).ToBeVisibleAsync();
        Assert.That(await UnnamedControlsAsync(), Is.Empty, "unlabelled controls on /admin with a Manage panel open");
    }

    /// <summary>Visible inputs, selects and buttons without an accessible name (label, aria-label(ledby) or button text).</summary>
    private Task<string[]> UnnamedControlsAsync() => Page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
          .filter(e => e.getClientRects().length > 0)
          .filter(e => {
            const byLabel = [...(e.labels || [])].map(l => l.textContent).join('').trim();
            const byAria = (e.getAttribute('aria-label') || '').trim();
            const byIds = (e.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
              .map(id => document.getElementById(id)?.textContent || '').join('').trim();
            const byText = e.tagName === 'BUTTON' ? e.textContent.trim() : '';
            return !(byLabel || byAria || byIds || byText);
          })
          .map(e => e.outerHTML.slice(0, 160))
        """);

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
        await Page.Locator("#create-username").FillAsync(NewUsername("new"));
        await Page.Locator("#create-submit").ClickAsync();
        await Expect(Page.Locator("[data-testid=one-time-code]")).ToBeVisibleAsync();
        await UserRow(admin).Locator("[data-testid=manage-user]").ClickAsync();
        await Expect(Page.Locator("[data-testid=user-sessions] tr[data-current=true]")).ToHaveCountAsync(1);

        Assert.That(await Page.EvaluateAsync<int>(inline), Is.Zero, "after using the admin console");

        await GoToAsync("/profile");
        await Page.Locator("#delete-account").ClickAsync();
        await Expect(Page.Locator("#delete-form")).ToBeVisibleAsync();
        Assert.That(await Page.EvaluateAsync<int>(inline), Is.Zero, "on the profile with the delete confirmation open");
        await GoToAsync("/reset");
        await Page.Locator("#reset-submit").ClickAsync(); // empty form: field errors rendered
        await Expect(Page.Locator("#reset-code[aria-invalid=true]")).ToHaveCountAsync(1);
        Assert.That(await Page.EvaluateAsync<int>(inline), Is.Zero, "on /reset with errors");
        var scripts = await Page.EvaluateAsync<string[]>("() => [...document.scripts].map(s => s.src)");
        Assert.That(scripts, Is.All.StartsWith(BaseUrl + "/"), "every script comes from this origin");
    }
}
