using System.Net.Http.Json;
using System.Text.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api.Lifecycle;

/// <summary>What a signed-in user does to their own account: change the password, see and end sessions, delete it.</summary>
public sealed class SelfServiceTests : ApiTestBase
{
    private const string NewPassword = "a brand new passphrase";

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken });

    private static string TokenOf(JsonElement login) => login.GetProperty("token").GetString()!;
    private static string RefreshOf(JsonElement login) => login.GetProperty("refreshToken").GetString()!;

    private async Task<(string Username, JsonElement First, JsonElement Second)> UserWithTwoSessionsAsync()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        return (username, await LoginAsync(username), await LoginAsync(username));
    }

    // ---------------------------------------------------------------- PUT /api/me/password

    [Test]
    public async Task ChangePassword_Returns200WithFreshTokens_EndsEveryOtherSession_AndOnlyTheNewPasswordLogsIn()
    {
        var (username, first, second) = await UserWithTwoSessionsAsync();

        var changed = await (await SendAsync(HttpMethod.Put, "/api/me/password", TokenOf(first),
            new { currentPassword = Password, newPassword = NewPassword })).JsonAsync(200);

        Assert.That(changed.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(changed.GetProperty("tokenType").GetString(), Is.EqualTo("Bearer"));
        await (await GetAsync("/api/profile", TokenOf(changed))).JsonAsync(200);
        // The other session, and the caller's old one, end at once: access tokens on their next request, refresh tokens too.
        await (await GetAsync("/api/profile", TokenOf(second))).AssertProblemAsync(401);
        await (await GetAsync("/api/profile", TokenOf(first))).AssertProblemAsync(401);
        await (await RefreshAsync(RefreshOf(second))).AssertProblemAsync(401);
        await (await RefreshAsync(RefreshOf(changed))).JsonAsync(200);
        await (await AuthenticateAsync(username, Password)).AssertProblemAsync(401);
        await (await AuthenticateAsync(username, NewPassword)).JsonAsync(200);
    }

    [Test]
    public async Task ChangePassword_WithTheWrongCurrentPassword_Returns400NamingCurrentPassword_AndChangesNothing()
    {
        var (username, first, _) = await UserWithTwoSessionsAsync();

        await (await SendAsync(HttpMethod.Put, "/api/me/password", TokenOf(first),
            new { currentPassword = "not my password", newPassword = NewPassword }))
            .AssertValidationErrorsAsync(("currentPassword", "The current password is wrong."));

        await (await GetAsync("/api/profile", TokenOf(first))).JsonAsync(200);
        await (await AuthenticateAsync(username, Password)).JsonAsync(200);
    }

    [Test]
    public async Task ChangePassword_WithANewPasswordBreakingTheSignupRule_Returns400NamingNewPassword()
    {
        var (_, first, _) = await UserWithTwoSessionsAsync();

        await (await SendAsync(HttpMethod.Put, "/api/me/password", TokenOf(first), new { currentPassword = Password, newPassword = "short" }))
            .AssertValidationErrorsAsync(("newPassword", "Password must be at least 8 bytes long."));
        await (await SendAsync(HttpMethod.Put, "/api/me/password", TokenOf(first), new { newPassword = NewPassword }))
            .AssertValidationErrorsAsync(("currentPassword", "Current password is required."));
    }

    [Test]
    public async Task ChangePassword_WrongCurrentPasswords_CountInTheLockout_Then429_EvenForTheRightOne()
    {
        var (username, first, _) = await UserWithTwoSessionsAsync();
        for (var i = 0; i < 5; i++)
            await (await SendAsync(HttpMethod.Put, "/api/me/password", TokenOf(first),
                new { currentPassword = $"wrong {i} password", newPassword = NewPassword })).AssertValidationProblemAsync("currentPassword");

        var locked = await SendAsync(HttpMethod.Put, "/api/me/password", TokenOf(first), new { currentPassword = Password, newPassword = NewPassword });
        await locked.AssertProblemAsync(429);
        Assert.That(locked.Headers.RetryAfter, Is.Not.Null);
        await (await AuthenticateAsync(username, Password)).AssertProblemAsync(429);
    }

    [Test]
    public async Task ChangePassword_WithoutAToken_Returns401() =>
        await (await SendAsync(HttpMethod.Put, "/api/me/password", null, new { currentPassword = Password, newPassword = NewPassword }))
            .AssertProblemAsync(401);

    // ---------------------------------------------------------------- GET /api/me/sessions

    [Test]
    public async Task Sessions_ListsEachLoginNewestFirst_MarkingTheCurrentOne_WithAddressAndUserAgent()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var first = await LoginAsync(username);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/authenticate") { Content = JsonContent.Create(new { username, password = Password }) };
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (TestBrowser)");
        var second = await (await Client.SendAsync(request)).JsonAsync(200);

        var list = await (await GetAsync("/api/me/sessions", TokenOf(first))).JsonAsync(200);

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { SessionIdOf(TokenOf(second)), SessionIdOf(TokenOf(first)) }));
        Assert.That(items.Select(i => i.GetProperty("current").GetBoolean()), Is.EqualTo(new[] { false, true }));
        Assert.That(items[0].GetProperty("userAgent").GetString(), Is.EqualTo("Mozilla/5.0 (TestBrowser)"));
        Assert.That(items[0].GetProperty("ip").ValueKind, Is.Not.EqualTo(JsonValueKind.Undefined));
        Assert.That(items[0].GetProperty("expiresAt").GetDateTimeOffset(), Is.GreaterThan(items[0].GetProperty("createdAt").GetDateTimeOffset()));
        Assert.That(items[0].EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "id", "createdAt", "lastUsedAt", "expiresAt", "ip", "userAgent", "current" }));
    }

    [Test]
    public async Task Sessions_ARefresh_UpdatesLastUsedAt()
    {
        var (_, first, _) = await UserWithTwoSessionsAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));

        var refreshed = await (await RefreshAsync(RefreshOf(first))).JsonAsync(200);

        var mine = (await (await GetAsync("/api/me/sessions", TokenOf(refreshed))).JsonAsync(200)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("current").GetBoolean());
        Assert.That(mine.GetProperty("lastUsedAt").GetDateTimeOffset() - mine.GetProperty("createdAt").GetDateTimeOffset(),
            Is.EqualTo(TimeSpan.FromMinutes(10)).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Sessions_WithoutAToken_Returns401() =>
        await (await GetAsync("/api/me/sessions")).AssertProblemAsync(401);

    // ---------------------------------------------------------------- DELETE /api/me/sessions/{id}

    [Test]
    public async Task EndSession_Returns204_AndThatSessionsAccessAndRefreshTokensStopWorkingAtOnce()
    {
        var (_, first, second) = await UserWithTwoSessionsAsync();

        var ended = await SendAsync(HttpMethod.Delete, $"/api/me/sessions/{SessionIdOf(TokenOf(second))}", TokenOf(first));

        Assert.That((int)ended.StatusCode, Is.EqualTo(204));
        // Still unexpired, but refused on its very next request.
        await (await GetAsync("/api/profile", TokenOf(second))).AssertProblemAsync(401);
        await (await RefreshAsync(RefreshOf(second))).AssertProblemAsync(401);
        await (await GetAsync("/api/profile", TokenOf(first))).JsonAsync(200);
        var left = (await (await GetAsync("/api/me/sessions", TokenOf(first))).JsonAsync(200)).GetProperty("items");
        Assert.That(left.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task EndSession_UnknownOrSomeoneElses_Returns404WithTheSameBody()
    {
        var (_, mine, _) = await UserWithTwoSessionsAsync();
        var (_, theirs, _) = await UserWithTwoSessionsAsync();

        var unknown = await (await SendAsync(HttpMethod.Delete, "/api/me/sessions/0123456789abcdef0123456789abcdef", TokenOf(mine))).AssertProblemAsync(404);
        var other = await (await SendAsync(HttpMethod.Delete, $"/api/me/sessions/{SessionIdOf(TokenOf(theirs))}", TokenOf(mine))).AssertProblemAsync(404);

        Assert.That(other.ToString(), Is.EqualTo(unknown.ToString()));
        await (await GetAsync("/api/profile", TokenOf(theirs))).JsonAsync(200);
    }

    // ---------------------------------------------------------------- DELETE /api/me/sessions

    [Test]
    public async Task EndOtherSessions_Returns200WithTheCount_AndKeepsTheCallersSession()
    {
        var (username, first, second) = await UserWithTwoSessionsAsync();
        var third = await LoginAsync(username);

        var result = await (await SendAsync(HttpMethod.Delete, "/api/me/sessions", TokenOf(first))).JsonAsync(200);

        Assert.That(result.GetProperty("revoked").GetInt32(), Is.EqualTo(2));
        await (await GetAsync("/api/profile", TokenOf(second))).AssertProblemAsync(401);
        await (await GetAsync("/api/profile", TokenOf(third))).AssertProblemAsync(401);
        await (await GetAsync("/api/profile", TokenOf(first))).JsonAsync(200);
        await (await RefreshAsync(RefreshOf(first))).JsonAsync(200);
    }

    [Test]
    public async Task EndOtherSessions_WithoutAToken_Returns401() =>
        await (await SendAsync(HttpMethod.Delete, "/api/me/sessions", null)).AssertProblemAsync(401);

    [Test]
    public async Task Logout_EndsTheSession_SoItsAccessTokenStopsWorkingToo()
    {
        var (_, first, _) = await UserWithTwoSessionsAsync();

        var logout = await SendAsync(HttpMethod.Post, "/api/logout", TokenOf(first), new { refreshToken = RefreshOf(first) });

        Assert.That((int)logout.StatusCode, Is.EqualTo(204));
        await (await GetAsync("/api/profile", TokenOf(first))).AssertProblemAsync(401);
    }

    // ---------------------------------------------------------------- DELETE /api/me

    [Test]
    public async Task DeleteAccount_WithThePassword_Returns204_AndTheAccountAndItsSessionsAreGone()
    {
        var (username, first, second) = await UserWithTwoSessionsAsync();

        var deleted = await SendAsync(HttpMethod.Delete, "/api/me", TokenOf(first), new { password = Password });

        Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        await (await GetAsync("/api/profile", TokenOf(second))).AssertProblemAsync(401);
        await (await RefreshAsync(RefreshOf(second))).AssertProblemAsync(401);
        await (await AuthenticateAsync(username)).AssertProblemAsync(401);
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE username = {username}"), Is.Zero);
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM sessions WHERE id = {SessionIdOf(TokenOf(second))}"), Is.Zero);
        Assert.That(await Factory.Database.ScalarAsync<string>(
            $"SELECT detail FROM audit_events WHERE type = 'user.deleted' AND username = {username}"), Is.EqualTo("self"));
    }

    [Test]
    public async Task DeleteAccount_WithAWrongOrMissingPassword_Returns400_AndKeepsTheAccount()
    {
        var (username, first, _) = await UserWithTwoSessionsAsync();

        await (await SendAsync(HttpMethod.Delete, "/api/me", TokenOf(first), new { password = "not the password" }))
            .AssertValidationErrorsAsync(("password", "The password is wrong."));
        await (await SendAsync(HttpMethod.Delete, "/api/me", TokenOf(first), new { }))
            .AssertValidationErrorsAsync(("password", "Password is required."));

        await (await AuthenticateAsync(username)).JsonAsync(200);
    }

    [Test]
    public async Task DeleteAccount_OfTheOnlyAdmin_Returns409()
    {
        var admin = await NewAdminAsync();
        await Factory.Database.ExecuteAsync($"UPDATE users SET role = 2 WHERE role = 4 AND username <> {admin.Username}");

        await (await SendAsync(HttpMethod.Delete, "/api/me", admin.Token, new { password = Password })).AssertProblemAsync(409);

        await (await GetAsync("/api/admin", admin.Token)).JsonAsync(200);
    }
}
