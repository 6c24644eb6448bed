using static Microsoft.Playwright.Assertions;

namespace Auth.Tests.Browser;

/// <summary>
/// Every page at a phone's width (375 px) and a laptop's (1280 px). The accounts have ordinary names plus the
/// longest name signup accepts, written without a break opportunity; the screenshots double as the README's.
/// </summary>
[Category("Browser")]
public sealed class LayoutTests : BrowserTestBase
{
    private const string Admin = "alice";
    private const string LongestName = "maximilian_alexander_von_testing"; // 32 characters, the maximum

    [OneTimeSetUp]
    public async Task CreateAccounts()
    {
        foreach (var name in new[] { Admin, "bob", "carol", "dave", "erin", LongestName })
            await SignUpThroughApiAsync(name);
        await PromoteInDatabaseAsync(Admin);
        await PromoteInDatabaseAsync("carol");
        await App.Database.ExecuteAsync($"UPDATE users SET role = 1 WHERE username = {"dave"}");
    }

    [TestCase(375, 812)]
    [TestCase(1280, 800)]
    public async Task EveryPage_FitsTheWidth_WithNavigationAndFormsVisible(int width, int height)
    {
        await NewPageAsync(width, height);

        foreach (var (path, form) in new[] { ("/", "#view-home"), ("/signup", "#signup-form"), ("/reset", "#reset-form"), ("/login", "#login-form") })
        {
            await GoToAsync(path);
            await AssertFitsAsync(width, path);
            await Expect(Page.Locator(form)).ToBeVisibleAsync();
            await Expect(Page.Locator("#nav-login")).ToBeInViewportAsync();
            await Expect(Page.Locator("#nav-signup")).ToBeInViewportAsync();
            await SaveScreenshotAsync($"{width}px{PathLabel(path)}");
        }

        await LogInThroughFormAsync(Admin, open: false);
        foreach (var (path, content) in new[] { ("/profile", "#sessions-table"), ("/admin", "#users-table") })
        {
            await GoToAsync(path);
            await Expect(Page.Locator(content)).ToBeVisibleAsync();
            await AssertFitsAsync(width, path);
            foreach (var link in new[] { "#nav-avatar", "#nav-profile", "#nav-admin", "button#sign-out" })
                await Expect(Page.Locator(link)).ToBeInViewportAsync();
            await SaveScreenshotAsync($"{width}px{PathLabel(path)}");
        }
        await Expect(Page.Locator("#nav-avatar")).ToHaveAttributeAsync("title", $"Signed in as {Admin}");
        await Expect(Page.Locator("tr[data-testid=user-row]")).ToHaveCountAsync(6);
        var row = UserRow(LongestName);
        foreach (var control in new[] { "select[data-testid=role-select]", "button[data-testid=role-apply]", "[data-testid=delete-user]" })
            await Expect(row.Locator(control)).ToBeVisibleAsync();

        // Asking to confirm a deletion must not squeeze the table until names break mid-word.
        await row.Locator("[data-testid=delete-user]").ClickAsync();
        await Expect(row.Locator("[data-testid=confirm-delete]")).ToBeVisibleAsync();
        await AssertFitsAsync(width, "/admin with a delete confirmation open");
        var table = await Page.EvaluateAsync<int[]>(
            "() => { const wrap = document.getElementById('users-table').parentElement; return [wrap.scrollWidth, wrap.clientWidth]; }");
        Assert.That(table[0], Is.LessThanOrEqualTo(table[1]), "the user table scrolls sideways inside its card");
        if (width >= 1280)
            Assert.That(await WrappedUsernamesAsync(), Is.Empty, "usernames wrapped onto a second line");
        await SaveScreenshotAsync($"{width}px.admin.confirm-delete");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(row.Locator("[data-testid=delete-user]")).ToBeFocusedAsync();

        // A user's Manage panel (status, a one-time code, sessions) and the create form's one-time code fit too.
        await row.Locator("[data-testid=manage-user]").ClickAsync();
        await Page.Locator("[data-testid=issue-reset-code]").ClickAsync();
        await Expect(Page.Locator("[data-testid=reset-code]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=user-sessions]")).ToContainTextAsync("No active sessions.");
        await AssertFitsAsync(width, "/admin with a Manage panel open");
        await SaveScreenshotAsync($"{width}px.admin.manage");
        await Page.Locator("#create-username").FillAsync($"new_{width}");
        await Page.Locator("#create-submit").ClickAsync();
        await Expect(Page.Locator("[data-testid=one-time-code]")).ToBeVisibleAsync();
        await AssertFitsAsync(width, "/admin with a new user's one-time code");
        await SaveScreenshotAsync($"{width}px.admin.create");
        // The other width's run counts the accounts above.
        await App.Database.ExecuteAsync($"DELETE FROM users WHERE username = {$"new_{width}"}");
    }

    private async Task AssertFitsAsync(int width, string path)
    {
        var sizes = await Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]");
        Assert.That(sizes[1], Is.EqualTo(width));
        Assert.That(sizes[0], Is.LessThanOrEqualTo(sizes[1]), $"{path} at {width}px scrolls sideways: scrollWidth {sizes[0]}");
        Assert.That(sizes[2], Is.LessThanOrEqualTo(sizes[1]), $"{path} at {width}px: body scrollWidth {sizes[2]}");
    }

    /// <summary>Usernames in the admin table taller than one line of text.</summary>
    private Task<string[]> WrappedUsernamesAsync() => Page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('[data-testid=user-name]')]
          .filter(e => e.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(e).lineHeight))
          .map(e => e.textContent)
        """);

    private static string PathLabel(string path) => path == "/" ? ".home" : path.Replace('/', '.');
}
