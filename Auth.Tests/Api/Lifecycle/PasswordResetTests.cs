using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api.Lifecycle;

/// <summary>POST /api/password/reset: a one-time code from an admin sets a new password and signs the person in.</summary>
public sealed class PasswordResetTests : ApiTestBase
{
    private const string NewPassword = "the password after the reset";

    protected override void Configure(AuthApiFactory factory)
    {
        // Generous per-address budget here; the 429 test has its own app.
        factory.Settings["RateLimits:PasswordReset:PermitLimit"] = "1000";
    }

    private async Task<(string Username, long Id, string Token, string Code)> UserWithCodeAsync()
    {
        var admin = await NewAdminAsync();
        var user = await NewSignedInUserAsync();
        var issued = await (await SendAsync(HttpMethod.Post, $"/api/admin/users/{user.Id}/password-reset", admin.Token)).JsonAsync(201);
        return (user.Username, user.Id, user.Token, issued.GetProperty("code").GetString()!);
    }

    private Task<HttpResponseMessage> ResetAsync(string username, string code, string newPassword = NewPassword) =>
        Client.PostAsJsonAsync("/api/password/reset", new { username, code, newPassword });

    [Test]
    public async Task Reset_Returns200WithTokens_EndsEarlierSessions_ForgetsEarlierFailures_AndIsSingleUse()
    {
        var (username, id, oldToken, code) = await UserWithCodeAsync();
        for (var i = 0; i < 4; i++)
            await (await AuthenticateAsync(username, $"wrong guess {i}")).AssertProblemAsync(401);

        var signedIn = await (await ResetAsync(username, code)).JsonAsync(200);

        await (await GetAsync("/api/profile", signedIn.GetProperty("token").GetString())).JsonAsync(200);
        await (await GetAsync("/api/profile", oldToken)).AssertProblemAsync(401);
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COALESCE(SUM(failures), 0) FROM login_throttles WHERE normalized_username = {username.ToUpperInvariant()}"),
            Is.Zero, "the four failures before the reset are forgotten");
        await (await AuthenticateAsync(username, NewPassword)).JsonAsync(200);
        await (await ResetAsync(username, code, "yet another password")).AssertProblemAsync(400);
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_events WHERE type = 'password.reset' AND user_id = {id}"), Is.EqualTo(1));
    }

    [Test]
    public async Task Reset_UnknownUser_WrongCode_UsedCode_AndExpiredCode_AllGetOneIdenticalBody()
    {
        var (username, _, _, code) = await UserWithCodeAsync();
        var (expiringUser, _, _, expiringCode) = await UserWithCodeAsync();
        var (usedUser, _, _, usedCode) = await UserWithCodeAsync();
        await (await ResetAsync(usedUser, usedCode)).JsonAsync(200);

        var unknown = await (await ResetAsync(NewUsername("nobody"), code)).AssertProblemAsync(400);
        var wrong = await (await ResetAsync(username, "not-the-code-at-all-0123456789")).AssertProblemAsync(400);
        var used = await (await ResetAsync(usedUser, usedCode, "a third password here")).AssertProblemAsync(400);
        Factory.Clock.Advance(TimeSpan.FromMinutes(61));
        var expired = await (await ResetAsync(expiringUser, expiringCode)).AssertProblemAsync(400);

        Assert.That(new[] { wrong.ToString(), used.ToString(), expired.ToString() }, Is.All.EqualTo(unknown.ToString()));
        Assert.That(unknown.GetProperty("errors").GetProperty("code")[0].GetString(), Is.EqualTo("The username or reset code is wrong, used or expired."));
        await (await AuthenticateAsync(expiringUser)).JsonAsync(200);
    }

    [Test]
    public async Task Reset_WithAnInvalidNewPassword_Returns400_AndKeepsTheCode()
    {
        var (username, _, _, code) = await UserWithCodeAsync();

        await (await ResetAsync(username, code, "short")).AssertValidationErrorsAsync(("newPassword", "Password must be at least 8 bytes long."));
        await (await Client.PostAsJsonAsync("/api/password/reset", new { username })).AssertValidationErrorsAsync(
            ("code", "Code is required."), ("newPassword", "Password is required."));

        await (await ResetAsync(username, code)).JsonAsync(200);
    }

    [Test]
    public async Task Reset_WrongCodes_CountInTheUsernamesLockout()
    {
        var (username, _, _, code) = await UserWithCodeAsync();
        for (var i = 0; i < 5; i++)
            await (await ResetAsync(username, $"guess-{i}-0123456789abcdef")).AssertProblemAsync(400);

        var locked = await ResetAsync(username, code);
        await locked.AssertProblemAsync(429);
        Assert.That(locked.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task Reset_ForADisabledAccount_Returns403_AndKeepsTheCode()
    {
        var admin = await NewAdminAsync();
        var (username, id, _, code) = await UserWithCodeAsync();
        await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{id}/status", admin.Token, new { status = "disabled" })).JsonAsync(200);

        var refused = await (await ResetAsync(username, code)).AssertProblemAsync(403);

        Assert.That(refused.GetProperty("code").GetString(), Is.EqualTo("account_disabled"));
        await (await AuthenticateAsync(username, NewPassword)).AssertProblemAsync(401);
    }

    [Test]
    public async Task Reset_FromOneAddress_IsLimited_With429AndRetryAfter()
    {
        using var factory = new AuthApiFactory();
        factory.Settings["RateLimits:PasswordReset:PermitLimit"] = "2";
        using var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
            await (await client.PostAsJsonAsync("/api/password/reset", new { username = "someone", code = "x", newPassword = NewPassword })).AssertProblemAsync(400);

        var limited = await client.PostAsJsonAsync("/api/password/reset", new { username = "someone", code = "x", newPassword = NewPassword });

        await limited.AssertProblemAsync(429);
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
    }
}
