using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Tests.Browser;

/// <summary>
/// The account lifecycle in the browser: changing a password, ending sessions (seen from the browser that was signed
/// out), deleting one's account, and an admin creating, resetting and disabling accounts.
/// </summary>
[Category("Browser")]
public sealed class AccountLifecycleTests : BrowserTestBase
{
    private const string NewPassword = "a brand new passphrase";
    private const string SessionEnded = "Your session has ended. Please log in again.";

    [Test]
    public async Task ChangePasswordOnProfile_ThenLogOutAndIn_TheNewPasswordWorks_AndTheOldOneIsRefused()
    {
        var username = NewUsername("pat");
        await SignUpThroughApiAsync(username);
        await LogInThroughFormAsync(username);
        await GoToAsync("/profile");

        // A wrong current password is a field error, and nothing changes.
        await Page.Locator("#password-current").FillAsync("not my password");
        await Page.Locator("#password-new").FillAsync(NewPassword);
        await Page.Locator("#password-submit").ClickAsync();
        await Expect(Page.Locator("#password-current-error")).ToHaveTextAsync("The current password is wrong.");
        await Expect(Page.Locator("#password-current")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#password-current")).ToBeFocusedAsync();

        await Page.Locator("#password-current").FillAsync(Password);
        await Page.Locator("#password-submit").ClickAsync();

        await Expect(Page.Locator("#status")).ToHaveTextAsync("Your password is changed. Every other session was signed out.");
        await Expect(Page.Locator("[data-testid=flash-success]")).ToBeFocusedAsync();
        await Expect(Page.Locator("#password-current")).ToHaveValueAsync("");
        await Expect(Page.Locator("#password-new")).ToHaveValueAsync("");
        await Expect(Page.Locator("#password-current-error")).ToBeHiddenAsync();
        // The page carries on with the fresh session the API answered with.
        await Expect(Page.Locator("#sessions-table tr[data-testid=session-row]")).ToHaveCountAsync(1);
        await Page.Locator("#nav-home").ClickAsync();
        await WaitForRenderAsync();
        await Page.Locator("#nav-profile").ClickAsync();
        await Expect(Page.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {username}!");

        await Page.Locator("button#sign-out").ClickAsync();
        await Expect(Page.Locator("#nav-login")).ToBeVisibleAsync();
        await GoToAsync("/login");
        await Page.Locator("#login-username").FillAsync(username);
        await Page.Locator("#login-password").FillAsync(Password);
        await Page.Locator("#login-submit").ClickAsync();
        await Expect(Page.Locator("#login-error")).ToHaveTextAsync("Invalid username or password.");

        await LogInThroughFormAsync(username, NewPassword, open: false);
        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/profile");
        await Expect(Page.Locator("#profile-username")).ToHaveTextAsync(username);
    }

    [Test]
    public async Task SigningOutAnotherSessionFromTheList_SendsThatBrowserToLogInOnItsNextClick()
    {
        var username = NewUsername("quinn");
        await SignUpThroughApiAsync(username);
        await LogInThroughFormAsync(username);
        var other = await OpenOtherPageAsync();
        await LogInThroughFormAsync(username, page: other);
        await other.Locator("#nav-home").ClickAsync();
        await WaitForRenderAsync(other);

        await GoToAsync("/profile");
        var rows = Page.Locator("#sessions-table tr[data-testid=session-row]");
        await Expect(rows).ToHaveCountAsync(2);
        var mine = Page.Locator("#sessions-table tr[data-testid=session-row][data-current=true]");
        var theirs = Page.Locator("#sessions-table tr[data-testid=session-row][data-current=false]");
        await Expect(mine.Locator("[data-testid=session-current]")).ToHaveTextAsync("this device");
        await Expect(mine.Locator("[data-testid=end-session]")).ToHaveCountAsync(0);
        await Expect(theirs.Locator("[data-testid=session-agent]")).ToContainTextAsync("Chrome");
        await Expect(theirs.Locator("[data-testid=session-ip]")).ToHaveTextAsync("127.0.0.1");
        await Expect(Page.Locator("#sessions-summary")).ToHaveTextAsync("2 active sessions, newest first.");

        await theirs.Locator("[data-testid=end-session]").ClickAsync();

        await Expect(Page.Locator("#status")).ToHaveTextAsync("That session is signed out.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(Page.Locator("#sessions-heading")).ToBeFocusedAsync();
        await Expect(Page.Locator("#end-other-sessions")).ToBeDisabledAsync();

        // The other browser's access token is still unexpired; its next request is refused all the same.
        await other.Locator("#nav-profile").ClickAsync();
        await Expect(other).ToHaveURLAsync($"{BaseUrl}/login?next=%2Fprofile");
        await Expect(other.Locator("#status")).ToHaveTextAsync(SessionEnded);
        await Expect(other.Locator("#nav-login")).ToBeVisibleAsync();

        // This browser is unaffected.
        await Page.Locator("#nav-home").ClickAsync();
        await WaitForRenderAsync();
        await Page.Locator("#nav-profile").ClickAsync();
        await Expect(Page.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {username}!");
    }

    [Test]
    public async Task SignOutEverywhereElse_EndsEveryOtherSession_AndKeepsThisOne()
    {
        var username = NewUsername("rory");
        await SignUpThroughApiAsync(username);
        await LogInThroughFormAsync(username);
        var second = await OpenOtherPageAsync();
        await LogInThroughFormAsync(username, page: second);
        var third = await OpenOtherPageAsync();
        await LogInThroughFormAsync(username, page: third);

        await GoToAsync("/profile");
        await Expect(Page.Locator("#sessions-table tr[data-testid=session-row]")).ToHaveCountAsync(3);
        await Page.Locator("#end-other-sessions").ClickAsync();

        await Expect(Page.Locator("#status")).ToHaveTextAsync("Signed out 2 other sessions.");
        await Expect(Page.Locator("#sessions-table tr[data-testid=session-row]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#sessions-table tr[data-current=true]")).ToHaveCountAsync(1);
        foreach (var page in new[] { second, third })
        {
            await page.Locator("#nav-home").ClickAsync();
            await Expect(page).ToHaveURLAsync($"{BaseUrl}/login?next=%2F");
            await Expect(page.Locator("#status")).ToHaveTextAsync(SessionEnded);
        }
    }

    [Test]
    public async Task DeleteMyAccount_AsksForThePasswordInThePage_ThenSignsOutAndTheAccountIsGone()
    {
        var username = NewUsername("sky");
        await SignUpThroughApiAsync(username);
        await LogInThroughFormAsync(username);
        await GoToAsync("/profile");

        await Page.Locator("#delete-account").ClickAsync();
        await Expect(Page.Locator("#delete-password")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.Locator("#delete-form")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#delete-account")).ToBeFocusedAsync();

        await Page.Locator("#delete-account").ClickAsync();
        await Page.Locator("#delete-password").FillAsync("not my password");
        await Page.Locator("#delete-confirm").ClickAsync();
        await Expect(Page.Locator("#delete-password-error")).ToHaveTextAsync("The password is wrong.");
        await Expect(Page.Locator("#delete-password")).ToBeFocusedAsync();

        await Page.Locator("#delete-password").FillAsync(Password);
        await Page.Locator("#delete-confirm").ClickAsync();

        await Expect(Page).ToHaveURLAsync($"{BaseUrl}/");
        await Expect(Page.Locator("#status")).ToHaveTextAsync("Your account was deleted.");
        await Expect(Page.Locator("#nav-login")).ToBeVisibleAsync();
        Assert.That(await App.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE username = {username}"), Is.Zero);
        Assert.That(Dialogs, Is.Empty, "no window.confirm");
    }

    [Test]
    public async Task AdminCreatesAUserWithoutPassword_AndThePersonSetsOneWithTheCodeAtReset()
    {
        var admin = await AdminAsync();
        var person = NewUsername("tess");
        await LogInThroughFormAsync(admin);
        await GoToAsync("/admin");

        await Page.Locator("#create-username").FillAsync(person);
        await Page.Locator("#create-role").SelectOptionAsync("user");
        await Page.Locator("#create-submit").ClickAsync();

        var result = Page.Locator("#create-result");
        await Expect(result).ToBeFocusedAsync();
        await Expect(result).ToContainTextAsync($"Hand it to {person} yourself");
        await Expect(result).ToContainTextAsync($"{BaseUrl}/reset");
        var code = (await Page.Locator("[data-testid=one-time-code]").TextContentAsync())!.Trim();
        Assert.That(code, Has.Length.GreaterThanOrEqualTo(20), "a code of at least 128 bits");
        await Expect(UserRow(person)).ToHaveAttributeAsync("data-status", "active");
        await Expect(Page.Locator("#create-username")).ToHaveValueAsync("");

        // Shown once: "Done" takes it off the page, and nothing brings it back.
        await Page.Locator("[data-testid=one-time-code-done]").ClickAsync();
        await Expect(Page.Locator("[data-testid=one-time-code]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#create-username")).ToBeFocusedAsync();

        var other = await OpenOtherPageAsync();
        await GoToAsync("/login", other);
        await other.Locator("#to-reset").ClickAsync();
        await Expect(other).ToHaveURLAsync($"{BaseUrl}/reset");
        await other.Locator("#reset-username").FillAsync(person);
        await other.Locator("#reset-code").FillAsync(code);
        await other.Locator("#reset-password").FillAsync(NewPassword);
        await other.Locator("#reset-submit").ClickAsync();

        await Expect(other).ToHaveURLAsync($"{BaseUrl}/profile");
        await Expect(other.Locator("#nav-username")).ToHaveTextAsync(person);
        await Expect(other.Locator("#status")).ToHaveTextAsync($"Your new password is set. Welcome, {person}!");
        await Expect(other.Locator("#profile-welcome")).ToHaveTextAsync($"Welcome to the users area {person}!");

        // The code worked once; the same code again is refused with the one answer for every bad username or code.
        await other.Locator("button#sign-out").ClickAsync();
        await Expect(other.Locator("#nav-login")).ToBeVisibleAsync();
        await GoToAsync($"/reset?username={person}", other);
        await Expect(other.Locator("#reset-username")).ToHaveValueAsync(person);
        await other.Locator("#reset-code").FillAsync(code);
        await other.Locator("#reset-password").FillAsync("yet another passphrase");
        await other.Locator("#reset-submit").ClickAsync();
        await Expect(other.Locator("#reset-code-error")).ToHaveTextAsync("The username or reset code is wrong, used or expired.");
        await LogInThroughFormAsync(person, NewPassword, page: other);
    }

    [Test]
    public async Task AdminDisablesASignedInUser_WhoIsSentToLogIn_AndThenSeesTheDisabledMessage()
    {
        var admin = await AdminAsync();
        var user = NewUsername("uma");
        await SignUpThroughApiAsync(user);
        var other = await OpenOtherPageAsync();
        await LogInThroughFormAsync(user, page: other);
        await other.Locator("#nav-home").ClickAsync();
        await WaitForRenderAsync(other);

        await LogInThroughFormAsync(admin);
        await GoToAsync("/admin");
        var row = UserRow(user);
        await Expect(row).ToHaveAttributeAsync("data-status", "active");
        await row.Locator("[data-testid=manage-user]").ClickAsync();
        var panel = Page.Locator("tr[data-testid=user-panel]");
        await Expect(panel.Locator("h3")).ToBeFocusedAsync();
        await Expect(panel.Locator("[data-testid=user-sessions] tr[data-testid=session-row]")).ToHaveCountAsync(1);

        await panel.Locator("[data-testid=status-toggle]").ClickAsync();

        await Expect(Page.Locator("#status")).ToHaveTextAsync($"{user} is disabled and signed out everywhere.");
        await Expect(row).ToHaveAttributeAsync("data-status", "disabled");
        await Expect(row.Locator("[data-testid=status-badge]")).ToHaveTextAsync("disabled");
        await Expect(panel.Locator("[data-testid=status-toggle]")).ToHaveTextAsync("Enable account");
        await Expect(panel.Locator("[data-testid=user-sessions] tr[data-testid=session-row]")).ToHaveCountAsync(0);

        await other.Locator("#nav-profile").ClickAsync();
        await Expect(other).ToHaveURLAsync($"{BaseUrl}/login?next=%2Fprofile");
        await Expect(other.Locator("#status")).ToHaveTextAsync(SessionEnded);
        await other.Locator("#login-username").FillAsync(user);
        await other.Locator("#login-password").FillAsync(Password);
        await other.Locator("#login-submit").ClickAsync();
        await Expect(other.Locator("#login-error")).ToHaveTextAsync("This account is disabled. Ask an admin to enable it.");
        await Expect(other.Locator("#login-error")).ToBeFocusedAsync();
        await Expect(other.Locator("#nav-login")).ToBeVisibleAsync();

        // Enabled again, the same password works.
        await panel.Locator("[data-testid=status-toggle]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "active");
        await LogInThroughFormAsync(user, open: false, page: other);
    }

    [Test]
    public async Task AdminIssuesAResetCodeAndEndsAUsersSessions_FromTheManagePanel()
    {
        var admin = await AdminAsync();
        var user = NewUsername("vic");
        await SignUpThroughApiAsync(user);
        var other = await OpenOtherPageAsync();
        await LogInThroughFormAsync(user, page: other);
        await other.Locator("#nav-home").ClickAsync();
        await WaitForRenderAsync(other);

        await LogInThroughFormAsync(admin);
        await GoToAsync("/admin");
        var row = UserRow(user);
        var manage = row.Locator("[data-testid=manage-user]");
        await manage.ClickAsync();
        await Expect(manage).ToHaveAttributeAsync("aria-expanded", "true");
        var panel = Page.Locator("tr[data-testid=user-panel]");

        await panel.Locator("[data-testid=issue-reset-code]").ClickAsync();
        await Expect(panel.Locator("[data-testid=reset-code-result]")).ToBeFocusedAsync();
        var code = (await panel.Locator("[data-testid=reset-code]").TextContentAsync())!.Trim();
        Assert.That(code, Is.Not.Empty);

        await Expect(panel.Locator("[data-testid=user-sessions] tr[data-testid=session-row]")).ToHaveCountAsync(1);
        await panel.Locator("[data-testid=end-user-sessions]").ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync($"Every session of {user} has ended.");
        await Expect(panel.Locator("[data-testid=user-sessions]")).ToContainTextAsync("No active sessions.");

        await other.Locator("#nav-profile").ClickAsync();
        await Expect(other).ToHaveURLAsync($"{BaseUrl}/login?next=%2Fprofile");
        await Expect(other.Locator("#status")).ToHaveTextAsync(SessionEnded);

        // The code the admin read out works at /reset.
        await GoToAsync($"/reset?username={user}", other);
        await other.Locator("#reset-code").FillAsync(code);
        await other.Locator("#reset-password").FillAsync(NewPassword);
        await other.Locator("#reset-submit").ClickAsync();
        await Expect(other.Locator("#nav-username")).ToHaveTextAsync(user);

        // Esc closes the panel and gives focus back to its button.
        await panel.Locator("[data-testid=issue-reset-code]").FocusAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToHaveCountAsync(0);
        await Expect(manage).ToBeFocusedAsync();
        await Expect(manage).ToHaveAttributeAsync("aria-expanded", "false");
    }

    private async Task<string> AdminAsync()
    {
        var admin = NewUsername("admin");
        await SignUpThroughApiAsync(admin);
        await PromoteInDatabaseAsync(admin);
        return admin;
    }
}
