using System.Net.Http.Json;
using System.Text.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api.Lifecycle;

/// <summary>What admins do to other accounts: create them, issue reset codes, disable and enable them, end their sessions.</summary>
public sealed class AdminLifecycleTests : ApiTestBase
{
    private (string Username, long Id, string Token) _admin;

    [OneTimeSetUp]
    public async Task CreateAdmin() => _admin = await NewAdminAsync();

    private Task<HttpResponseMessage> AsAdmin(HttpMethod method, string path, object? body = null) => SendAsync(method, path, _admin.Token, body);

    private static string TokenOf(JsonElement login) => login.GetProperty("token").GetString()!;

    // ---------------------------------------------------------------- POST /api/admin/users

    [Test]
    public async Task Create_WithAPassword_Returns201WithTheUser_AndNoCode_AndThePersonLogsIn()
    {
        var username = NewUsername("made");

        var created = await (await AsAdmin(HttpMethod.Post, "/api/admin/users", new { username, role = "admin", password = Password })).JsonAsync(201);

        var user = created.GetProperty("user");
        Assert.That((user.GetProperty("username").GetString(), user.GetProperty("role").GetString(), user.GetProperty("status").GetString()),
            Is.EqualTo((username, "admin", "active")));
        Assert.That(created.GetProperty("resetCode").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var login = await LoginAsync(username);
        await (await GetAsync("/api/admin", TokenOf(login))).JsonAsync(200);
        Assert.That(await Factory.Database.ScalarAsync<long>(
            $"SELECT actor_id FROM audit_events WHERE type = 'user.created' AND username = {username}"), Is.EqualTo(_admin.Id));
    }

    [Test]
    public async Task Create_WithoutAPassword_ReturnsAOneTimeCode_StoredOnlyAsAHash_ThatSetsThePasswordOnce()
    {
        var username = NewUsername("invited");

        var created = await (await AsAdmin(HttpMethod.Post, "/api/admin/users", new { username, role = "user" })).JsonAsync(201);

        var code = created.GetProperty("resetCode").GetString()!;
        Assert.That(Convert.FromBase64String(code.Replace('-', '+').Replace('_', '/') + "=="), Has.Length.GreaterThanOrEqualTo(16), "at least 128 bits");
        var expires = created.GetProperty("resetCodeExpiresAt").GetDateTimeOffset();
        Assert.That(expires - Factory.Clock.GetUtcNow(), Is.EqualTo(TimeSpan.FromMinutes(60)).Within(TimeSpan.FromSeconds(1)));
        Assert.That(await Factory.Database.ScalarAsync<string>($"SELECT reset_code_hash FROM users WHERE username = {username}"),
            Is.Not.EqualTo(code).And.Length.EqualTo(64));
        // No password anyone knows opens it until the code is used.
        await (await AuthenticateAsync(username, Password)).AssertProblemAsync(401);

        var reset = await (await Client.PostAsJsonAsync("/api/password/reset", new { username, code, newPassword = Password })).JsonAsync(200);

        await (await GetAsync("/api/profile", TokenOf(reset))).JsonAsync(200);
        await (await AuthenticateAsync(username, Password)).JsonAsync(200);
    }

    [Test]
    public async Task Create_WithInvalidFields_Returns400NamingEach()
    {
        await (await AsAdmin(HttpMethod.Post, "/api/admin/users", new { username = "a b", role = "root", password = "short" }))
            .AssertValidationErrorsAsync(
                ("role", "Role must be one of: guest, user, admin."),
                ("password", "Password must be at least 8 bytes long."),
                ("username", Auth.Core.Users.Usernames.InvalidMessage));
    }

    [Test]
    public async Task Create_WithATakenUsername_Returns409()
    {
        var taken = await NewSignedInUserAsync();

        await (await AsAdmin(HttpMethod.Post, "/api/admin/users", new { username = taken.Username.ToUpperInvariant(), role = "user" }))
            .AssertProblemAsync(409);
    }

    [Test]
    public async Task Create_ByANonAdmin_Returns403()
    {
        var user = await NewSignedInUserAsync();
        await (await SendAsync(HttpMethod.Post, "/api/admin/users", user.Token, new { username = NewUsername(), role = "user" }))
            .AssertProblemAsync(403);
    }

    // ---------------------------------------------------------------- POST /api/admin/users/{id}/password-reset

    [Test]
    public async Task ResetCode_Returns201_ANewCodeVoidsTheOlder_AndUsingItEndsEarlierSessions()
    {
        var user = await NewSignedInUserAsync();
        var older = await (await AsAdmin(HttpMethod.Post, $"/api/admin/users/{user.Id}/password-reset")).JsonAsync(201);
        var newer = await (await AsAdmin(HttpMethod.Post, $"/api/admin/users/{user.Id}/password-reset")).JsonAsync(201);
        Assert.That(newer.GetProperty("code").GetString(), Is.Not.EqualTo(older.GetProperty("code").GetString()));
        Assert.That(newer.GetProperty("expiresAt").GetDateTimeOffset(), Is.GreaterThan(Factory.Clock.GetUtcNow()));

        await (await Client.PostAsJsonAsync("/api/password/reset",
            new { username = user.Username, code = older.GetProperty("code").GetString(), newPassword = "another good password" }))
            .AssertProblemAsync(400);
        await (await Client.PostAsJsonAsync("/api/password/reset",
            new { username = user.Username, code = newer.GetProperty("code").GetString(), newPassword = "another good password" }))
            .JsonAsync(200);

        await (await GetAsync("/api/profile", user.Token)).AssertProblemAsync(401);
        Assert.That(await Factory.Database.ScalarAsync<long>(
            $"SELECT actor_id FROM audit_events WHERE type = 'password.reset_issued' AND user_id = {user.Id} ORDER BY id DESC"), Is.EqualTo(_admin.Id));
    }

    [Test]
    public async Task ResetCode_ForAnUnknownUser_Returns404() =>
        await (await AsAdmin(HttpMethod.Post, "/api/admin/users/987654321/password-reset")).AssertProblemAsync(404);

    // ---------------------------------------------------------------- PUT /api/admin/users/{id}/status

    [Test]
    public async Task Disable_Returns200WithTheStatus_RefusesTheUsersLiveToken_Refresh_AndLogin_UntilEnabled()
    {
        var username = NewUsername();
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        var login = await LoginAsync(username);

        var disabled = await (await AsAdmin(HttpMethod.Put, $"/api/admin/users/{id}/status", new { status = "disabled", reason = "left the team" })).JsonAsync(200);

        Assert.That(disabled.GetProperty("status").GetString(), Is.EqualTo("disabled"));
        // The access token has not expired; it is refused on its next request all the same.
        await (await GetAsync("/api/profile", TokenOf(login))).AssertProblemAsync(401);
        await (await Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }))
            .AssertProblemAsync(401);
        // A wrong password learns nothing; only the right one hears that the account is disabled.
        var wrong = await (await AuthenticateAsync(username, "not the password")).AssertProblemAsync(401);
        var unknown = await (await AuthenticateAsync(NewUsername(), "not the password")).AssertProblemAsync(401);
        Assert.That(wrong.ToString(), Is.EqualTo(unknown.ToString()));
        var right = await (await AuthenticateAsync(username)).AssertProblemAsync(403);
        Assert.That(right.GetProperty("code").GetString(), Is.EqualTo("account_disabled"));
        Assert.That(await Factory.Database.ScalarAsync<string>($"SELECT status_reason FROM users WHERE id = {id}"), Is.EqualTo("left the team"));

        var enabled = await (await AsAdmin(HttpMethod.Put, $"/api/admin/users/{id}/status", new { status = "active" })).JsonAsync(200);
        Assert.That(enabled.GetProperty("status").GetString(), Is.EqualTo("active"));
        await (await AuthenticateAsync(username)).JsonAsync(200);
        var types = await Factory.Database.ColumnAsync($"SELECT type FROM audit_events WHERE user_id = {id} AND type LIKE 'user.%' ORDER BY id");
        Assert.That(types, Is.EqualTo(new[] { "user.disabled", "user.enabled" }));
    }

    [Test]
    public async Task Status_WithAnUnknownValue_Returns400_UnknownUser404()
    {
        var user = await NewSignedInUserAsync();
        await (await AsAdmin(HttpMethod.Put, $"/api/admin/users/{user.Id}/status", new { status = "banned" }))
            .AssertValidationErrorsAsync(("status", "Status must be 'active' or 'disabled'."));
        await (await AsAdmin(HttpMethod.Put, $"/api/admin/users/{user.Id}/status", new { status = "disabled", reason = new string('r', 201) }))
            .AssertValidationErrorsAsync(("reason", "Reason must be at most 200 characters."));
        await (await AsAdmin(HttpMethod.Put, "/api/admin/users/987654321/status", new { status = "disabled" })).AssertProblemAsync(404);
        await (await GetAsync("/api/profile", user.Token)).JsonAsync(200);
    }

    [Test]
    public async Task Disable_TheLastActiveAdmin_Returns409()
    {
        using var factory = new AuthApiFactory();
        using var client = factory.CreateClient();
        var username = NewUsername("solo");
        await (await client.PostAsJsonAsync("/api/signup", new { username, password = Password })).JsonAsync(201);
        await factory.Database.ExecuteAsync($"UPDATE users SET role = 4 WHERE username = {username}");
        var login = await (await client.PostAsJsonAsync("/api/authenticate", new { username, password = Password })).JsonAsync(200);
        var id = await factory.Database.ScalarAsync<long>($"SELECT id FROM users WHERE username = {username}");

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/users/{id}/status") { Content = JsonContent.Create(new { status = "disabled" }) };
        request.Headers.Authorization = new("Bearer", TokenOf(login));
        await (await client.SendAsync(request)).AssertProblemAsync(409);
        Assert.That(await factory.Database.ScalarAsync<string>($"SELECT status FROM users WHERE id = {id}"), Is.EqualTo("active"));
    }

    // ---------------------------------------------------------------- /api/admin/users/{id}/sessions

    [Test]
    public async Task UserSessions_AreListed_AndEndedAllAtOnce()
    {
        var username = NewUsername();
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        var first = await LoginAsync(username);
        await LoginAsync(username);

        var list = await (await AsAdmin(HttpMethod.Get, $"/api/admin/users/{id}/sessions")).JsonAsync(200);
        Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("current").GetBoolean()), Is.All.False);

        var ended = await AsAdmin(HttpMethod.Delete, $"/api/admin/users/{id}/sessions");
        Assert.That((int)ended.StatusCode, Is.EqualTo(204));
        await (await GetAsync("/api/profile", TokenOf(first))).AssertProblemAsync(401);
        Assert.That((await (await AsAdmin(HttpMethod.Get, $"/api/admin/users/{id}/sessions")).JsonAsync(200)).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task UserSessions_ForAnUnknownUser_Return404()
    {
        await (await AsAdmin(HttpMethod.Get, "/api/admin/users/987654321/sessions")).AssertProblemAsync(404);
        await (await AsAdmin(HttpMethod.Delete, "/api/admin/users/987654321/sessions")).AssertProblemAsync(404);
    }

    [Test]
    public async Task UserList_ShowsEachAccountsStatus()
    {
        var users = await (await AsAdmin(HttpMethod.Get, "/api/admin/users?pageSize=100")).JsonAsync(200);
        Assert.That(users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("status").GetString()), Is.All.EqualTo("active").Or.EqualTo("disabled"));
    }
}
