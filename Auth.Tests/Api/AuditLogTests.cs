using System.Net.Http.Json;
using System.Text.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>
/// GET /api/admin/audit: every security event the issue names is readable by admins after it happens, with who, what
/// and from where, and is written to the structured log as well.
/// </summary>
public sealed class AuditLogTests : ApiTestBase
{
    private (string Username, long Id, string Token) _admin;

    [OneTimeSetUp]
    public async Task CreateAdmin() => _admin = await NewAdminAsync();

    private async Task<List<JsonElement>> AuditAsync()
    {
        var json = await (await GetAsync("/api/admin/audit?page=1&pageSize=100", _admin.Token)).JsonAsync(200);
        return json.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>The one event of this type about this username, as the endpoint shows it; also checks the structured log.</summary>
    private async Task<JsonElement> EventAsync(string type, string username)
    {
        var matches = (await AuditAsync())
            .Where(e => e.GetProperty("type").GetString() == type && e.GetProperty("username").GetString() == username).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"one '{type}' event for {username}");
        Assert.That(Factory.Logs.Entries.Where(l =>
                l.State.GetValueOrDefault("AuditType") as string == type && l.State.GetValueOrDefault("Username") as string == username),
            Is.Not.Empty, $"'{type}' for {username} in the structured log");
        return matches[0];
    }

    private static long? UserIdOf(JsonElement e) => e.GetProperty("userId").ValueKind == JsonValueKind.Null ? null : e.GetProperty("userId").GetInt64();
    private static long? ActorIdOf(JsonElement e) => e.GetProperty("actorId").ValueKind == JsonValueKind.Null ? null : e.GetProperty("actorId").GetInt64();

    private async Task<long> SignUpFromAsync(string username, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/signup") { Content = JsonContent.Create(new { username, password = Password }) };
        request.Headers.Add(PeerAddressFromTestHeader.Header, address);
        return (await (await Client.SendAsync(request)).JsonAsync(201)).GetProperty("user").GetProperty("id").GetInt64();
    }

    [Test]
    public async Task SignUp_IsRecordedWithTheAccount_TheTimeAndTheClientAddress()
    {
        var username = NewUsername();
        var id = await SignUpFromAsync(username, "192.0.2.10");

        var e = await EventAsync("signup", username);
        Assert.Multiple(() =>
        {
            Assert.That(UserIdOf(e), Is.EqualTo(id));
            Assert.That(e.GetProperty("clientIp").GetString(), Is.EqualTo("192.0.2.10"));
            Assert.That(e.GetProperty("occurredAt").GetDateTimeOffset(), Is.EqualTo(Factory.Clock.GetUtcNow()).Within(TimeSpan.FromMilliseconds(1)), "stored to the microsecond on PostgreSQL");
            Assert.That(e.GetProperty("id").GetInt64(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task SuccessfulLogin_IsRecorded()
    {
        var username = NewUsername();
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        await LoginAsync(username);

        Assert.That(UserIdOf(await EventAsync("login.succeeded", username)), Is.EqualTo(id));
    }

    [Test]
    public async Task FailedLogin_IsRecordedWithItsReason_ForAWrongPasswordAndAnUnknownName()
    {
        var username = NewUsername();
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        var ghost = NewUsername("ghost");
        await (await AuthenticateAsync(username, "wrong password")).AssertProblemAsync(401);
        await (await AuthenticateAsync(ghost, "wrong password")).AssertProblemAsync(401);

        var wrongPassword = await EventAsync("login.failed", username);
        var unknown = await EventAsync("login.failed", ghost);
        Assert.Multiple(() =>
        {
            Assert.That(wrongPassword.GetProperty("detail").GetString(), Is.EqualTo("wrong password"));
            Assert.That(UserIdOf(wrongPassword), Is.EqualTo(id));
            Assert.That(unknown.GetProperty("detail").GetString(), Is.EqualTo("unknown username"));
            Assert.That(UserIdOf(unknown), Is.Null);
        });
    }

    [Test]
    public async Task Lockout_IsRecorded_AndSoIsEachAttemptRefusedWhileLocked()
    {
        var username = NewUsername("locked");
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        for (var i = 0; i < 5; i++)
            await AuthenticateAsync(username, "wrong password");
        await (await AuthenticateAsync(username)).AssertProblemAsync(429);

        var lockout = await EventAsync("login.locked_out", username);
        Assert.Multiple(() =>
        {
            Assert.That(UserIdOf(lockout), Is.EqualTo(id));
            Assert.That(lockout.GetProperty("detail").GetString(), Does.StartWith("5 failed attempts"));
        });
        var failures = (await AuditAsync()).Where(e => e.GetProperty("type").GetString() == "login.failed"
            && e.GetProperty("username").GetString() == username).Select(e => e.GetProperty("detail").GetString()).ToList();
        Assert.That(failures, Is.EqualTo(new[] { "locked out" }.Concat(Enumerable.Repeat("wrong password", 5))), "newest first");
    }

    [Test]
    public async Task RefreshTokenReuse_IsRecordedWithTheAccountAndTheEndedSession()
    {
        var username = NewUsername();
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        var refresh = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;
        await (await Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = refresh })).JsonAsync(200);
        await (await Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = refresh })).AssertProblemAsync(401);

        var reuse = (await AuditAsync()).Single(e => e.GetProperty("type").GetString() == "refresh.reused" && UserIdOf(e) == id);
        Assert.That(reuse.GetProperty("detail").GetString(), Does.Match("^session [0-9a-f]{32} revoked$"));
    }

    [Test]
    public async Task Logout_IsRecorded()
    {
        var username = NewUsername();
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        var login = await LoginAsync(username);
        var response = await SendAsync(HttpMethod.Post, "/api/logout", login.GetProperty("token").GetString(),
            new { refreshToken = login.GetProperty("refreshToken").GetString() });
        Assert.That((int)response.StatusCode, Is.EqualTo(204));

        Assert.That((await AuditAsync()).Count(e => e.GetProperty("type").GetString() == "logout" && UserIdOf(e) == id), Is.EqualTo(1));
    }

    [Test]
    public async Task RoleChange_IsRecordedWithWhoMadeItAndTheOldAndNewRole()
    {
        var user = await NewSignedInUserAsync();
        await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{user.Id}/role", _admin.Token, new { role = "admin" })).JsonAsync(200);

        var e = await EventAsync("user.role_changed", user.Username);
        Assert.Multiple(() =>
        {
            Assert.That(UserIdOf(e), Is.EqualTo(user.Id));
            Assert.That(ActorIdOf(e), Is.EqualTo(_admin.Id));
            Assert.That(e.GetProperty("detail").GetString(), Is.EqualTo("user -> admin"));
        });
    }

    [Test]
    public async Task Deletion_IsRecordedWithWhoDeletedWhom()
    {
        var user = await NewSignedInUserAsync();
        Assert.That((int)(await SendAsync(HttpMethod.Delete, $"/api/admin/users/{user.Id}", _admin.Token)).StatusCode, Is.EqualTo(204));

        var e = await EventAsync("user.deleted", user.Username);
        Assert.That(UserIdOf(e), Is.EqualTo(user.Id));
        Assert.That(ActorIdOf(e), Is.EqualTo(_admin.Id));
    }

    [Test]
    public async Task AnOverlongUsername_IsRecordedClipped_NotRefused()
    {
        var name = new string('x', 500);
        await (await AuthenticateAsync(name, "wrong password")).AssertProblemAsync(401);

        var e = (await AuditAsync()).First(e => e.GetProperty("type").GetString() == "login.failed"
            && e.GetProperty("username").GetString()!.StartsWith("xxxx", StringComparison.Ordinal));
        Assert.That(e.GetProperty("username").GetString(), Is.EqualTo(new string('x', 64)));
    }

    [Test]
    public async Task Audit_IsNewestFirst_InPagesWithTheTotal()
    {
        for (var i = 0; i < 3; i++)
            await SignUpAsync(NewUsername("paged"));

        var first = await (await GetAsync("/api/admin/audit?page=1&pageSize=2", _admin.Token)).JsonAsync(200);
        var second = await (await GetAsync("/api/admin/audit?page=2&pageSize=2", _admin.Token)).JsonAsync(200);

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.EqualTo(4));
            Assert.That(ids, Is.Ordered.Descending);
            Assert.That(first.GetProperty("page").GetInt32(), Is.EqualTo(1));
            Assert.That(first.GetProperty("pageSize").GetInt32(), Is.EqualTo(2));
            Assert.That(first.GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(5));
            Assert.That(first.GetProperty("items")[0].GetProperty("type").GetString(), Is.EqualTo("signup"));
        });
    }

    [Test]
    public async Task Audit_WithoutPaging_UsesPage1Of20()
    {
        var json = await (await GetAsync("/api/admin/audit", _admin.Token)).JsonAsync(200);
        Assert.That(json.GetProperty("page").GetInt32(), Is.EqualTo(1));
        Assert.That(json.GetProperty("pageSize").GetInt32(), Is.EqualTo(20));
    }

    [TestCase("page=0", "page")]
    [TestCase("pageSize=101", "pageSize")]
    [TestCase("pageSize=abc", "pageSize")]
    public async Task Audit_WithBadPaging_Returns400(string query, string field) =>
        await (await GetAsync($"/api/admin/audit?{query}", _admin.Token)).AssertValidationProblemAsync(field);

    [Test]
    public async Task Audit_ForAnonymous_Returns401()
    {
        var response = await GetAsync("/api/admin/audit");
        await response.AssertProblemAsync(401);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Audit_ForAUser_Returns403()
    {
        var user = await NewSignedInUserAsync();
        await (await GetAsync("/api/admin/audit", user.Token)).AssertProblemAsync(403);
    }
}
