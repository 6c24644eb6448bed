using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Auth.Tests.Browser;

/// <summary>Who reaches the admin console, what it does to stored data, and how it shows hostile data.</summary>
[Category("Browser")]
public sealed class AdminConsoleTests : BrowserTestBase
{
    [Test]
    public async Task User_SeesNoAdminLink_AndOpeningAdminShowsNotAllowedFromTheApi()
    {
        var username = NewUsername("user");
        await SignUpThroughApiAsync(username);
        await LogInThroughFormAsync(username);

        await Expect(Page.Locator("#nav-profile")).ToBeVisibleAsync();
        await Expect(Page.Locator("#nav-admin")).ToHaveCountAsync(0);

        await GoToAsync("/admin");

        await Expect(Page.Locator("#not-allowed h1")).ToHaveTextAsync("Not allowed");
        await Expect(Page.Locator("#not-allowed")).ToContainTextAsync("role: user");
        await Expect(Page.Locator("#admin-welcome")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#users-table")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#nav-username")).ToHaveTextAsync(username);
        await Expect(Page.Locator("#nav-admin")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task UserPromotedInTheDatabase_SeesTheConsoleAfterReload_AndChangesAnotherUsersRole()
    {
        var admin = NewUsername("admin");
        var other = NewUsername("bob");
        await SignUpThroughApiAsync(admin);
        var otherId = await SignUpThroughApiAsync(other);
        await LogInThroughFormAsync(admin);
        await Expect(Page.Locator("#nav-admin")).ToHaveCountAsync(0);

        await PromoteInDatabaseAsync(admin);
        await Page.ReloadAsync();
        await WaitForRenderAsync();
        await Page.Locator("#nav-admin").ClickAsync();

        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/admin");
        await Expect(Page.Locator("#admin-welcome")).ToHaveTextAsync($"Welcome to the admin area {admin}!");
        var row = UserRow(other);
        await Expect(row).ToHaveAttributeAsync("data-role", "user");
        await Expect(row).ToHaveAttributeAsync("data-user-id", otherId.ToString());

        await row.Locator("select[data-testid=role-select]").SelectOptionAsync("guest");
        await row.Locator("button[data-testid=role-apply]").ClickAsync();

        await Expect(Page.Locator("#status")).ToHaveTextAsync($"{other} now has the role \u201cguest\u201d.");
        await Expect(row).ToHaveAttributeAsync("data-role", "guest");
        await Expect(row.Locator("button[data-testid=role-apply]")).ToBeDisabledAsync();
        Assert.That(await RoleInDatabaseAsync(other), Is.EqualTo(1), "stored as guest (1)");
        Assert.That(await RoleSeenByTheApiAsync(other), Is.EqualTo("guest"), "GET /api/me for that user");

        // The change survives a reload of the console.
        await Page.ReloadAsync();
        await WaitForRenderAsync();
        await Expect(UserRow(other)).ToHaveAttributeAsync("data-role", "guest");
        await Expect(UserRow(other).Locator("select[data-testid=role-select]")).ToHaveValueAsync("guest");
    }

    [Test]
    public async Task XssUsername_InTheUserList_RendersAsText_AndRunsNothing()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var admin = NewUsername("admin");
        var template = NewUsername("template");
        await SignUpThroughApiAsync(admin);
        await PromoteInDatabaseAsync(admin);
        await SignUpThroughApiAsync(template);

        // Signup refuses such names, so the row goes in the way a migration or an old client could have put it:
        // the same columns a signup writes, with the password hash and timestamp of a real signed-up user.
        var rows = await App.Database.ExecuteAsync($"""
            INSERT INTO users (username, normalized_username, password_hash, role, created_at)
            SELECT {hostile}, {hostile.ToUpperInvariant()}, password_hash, role, created_at FROM users WHERE username = {template}
            """);
        Assert.That(rows, Is.EqualTo(1));
        var signupRefuses = await Api.PostAsJsonAsync("/api/signup", new { username = hostile, password = Password });
        await signupRefuses.AssertValidationProblemAsync("username");

        await LogInThroughFormAsync(admin);
        await GoToAsync("/admin");

        var row = UserRow(hostile);
        await Expect(row.Locator("[data-testid=user-name]")).ToHaveTextAsync(hostile);
        await Expect(row.Locator("select[data-testid=role-select]")).ToHaveAccessibleNameAsync($"Role for {hostile}");
        await Expect(Page.Locator("#users-table img")).ToHaveCountAsync(0);
        Assert.That(await Page.Locator("img[src=x]").CountAsync(), Is.Zero, "no <img src=x> anywhere in the page");
        Assert.That(Dialogs, Is.Empty, "no alert() ran");
        Assert.That(PageErrors, Is.Empty);

        // Every other place the console writes the name: the role-change message and the delete confirmation.
        await row.Locator("select[data-testid=role-select]").SelectOptionAsync("guest");
        await row.Locator("button[data-testid=role-apply]").ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync($"{hostile} now has the role \u201cguest\u201d.");
        await row.Locator("[data-testid=delete-user]").ClickAsync();
        await Expect(row.Locator("[data-testid=delete-confirm]")).ToContainTextAsync($"Delete {hostile}?");
        await row.Locator("[data-testid=confirm-delete]").ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync($"Deleted {hostile}.");
        await Expect(row).ToHaveCountAsync(0);

        Assert.That(await App.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE username = {hostile}"), Is.Zero);
        Assert.That(await Page.Locator("img[src=x]").CountAsync(), Is.Zero);
        Assert.That(Dialogs, Is.Empty, "no alert() ran");
        Assert.That(PageErrors, Is.Empty);
    }

    [Test]
    public async Task LastAdmin_DemotingOrDeletingThemselves_SeesTheApis409Plainly_AndStaysAdmin()
    {
        var admin = NewUsername("admin");
        await SignUpThroughApiAsync(admin);
        await PromoteInDatabaseAsync(admin);
        // Make this the only admin, as someone at a SQL prompt would.
        await App.Database.ExecuteAsync($"UPDATE users SET role = 2 WHERE role = 4 AND username <> {admin}");
        await LogInThroughFormAsync(admin);
        await GoToAsync("/admin");
        var row = UserRow(admin);

        await row.Locator("select[data-testid=role-select]").SelectOptionAsync("user");
        await row.Locator("button[data-testid=role-apply]").ClickAsync();

        await Expect(Page.Locator("#alert")).ToHaveTextAsync("That would leave no admin: promote another user to admin first.");
        await Expect(row.Locator("select[data-testid=role-select]")).ToHaveValueAsync("admin");
        await Expect(row).ToHaveAttributeAsync("data-role", "admin");

        await row.Locator("[data-testid=delete-user]").ClickAsync();
        await Expect(row.Locator("[data-testid=delete-confirm]")).ToContainTextAsync("Delete your own account?");
        await row.Locator("[data-testid=confirm-delete]").ClickAsync();

        await Expect(Page.Locator("#alert")).ToHaveTextAsync("That would leave no admin: promote another user to admin first.");
        await Expect(row.Locator("[data-testid=delete-user]")).ToBeFocusedAsync();
        await Expect(Page.Locator("#nav-admin")).ToBeVisibleAsync();
        Assert.That(await RoleInDatabaseAsync(admin), Is.EqualTo(4), "still an admin");
    }

    /// <summary>The role the API reports to the user themselves: log in over HTTP and GET /api/me.</summary>
    private async Task<string?> RoleSeenByTheApiAsync(string username)
    {
        var login = await (await Api.PostAsJsonAsync("/api/authenticate", new { username, password = Password })).JsonAsync(200);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("token").GetString());
        var me = await (await Api.SendAsync(request)).JsonAsync(200);
        return me.GetProperty("role").GetString();
    }
}
