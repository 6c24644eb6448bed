using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Auth.Tests.Support;

namespace Auth.Tests.MultiInstance;

/// <summary>
/// Three instances of the API as separate processes (A, B, C) on one shared database behave as one service: tokens,
/// refresh-token families, lockouts and roles all live in the database, not in any one process.
/// </summary>
[TestFixture(Backends.Sqlite)]
[TestFixture(Backends.PostgreSql)]
[TestFixture(Backends.MySql)]
[Category("MultiInstance")]
[NonParallelizable]
public sealed class MultiInstanceTests(string backend)
{
    private const string Secret = "multi-instance-test-secret-0123456789abcdef";
    private const string Password = "correct horse battery";

    private TestDatabase? _database;
    private readonly List<ApiProcess> _instances = [];
    private ApiProcess A => _instances[0];
    private ApiProcess B => _instances[1];
    private ApiProcess C => _instances[2];

    [OneTimeSetUp]
    public async Task StartThreeInstancesOnOneDatabase()
    {
        if (backend == Backends.MySql)
            _ = TestServers.MySql; // MariaDB in CI; ignored elsewhere when no server is given
        _database = TestDatabase.Create(backend); // PostgreSQL: ignored likewise without AUTH_TEST_POSTGRES

        var environment = new Dictionary<string, string>
        {
            ["Jwt__Secret"] = Secret,
            ["Database__Provider"] = _database.Provider,
            ["ConnectionStrings__Auth"] = _database.ConnectionString,
            ["Password__Cost"] = "4",
            ["Logging__LogLevel__Default"] = "Warning",
            // One test client speaks to every instance from 127.0.0.1: the per-IP limits are not what is tested here.
            ["RateLimits__Authenticate__PermitLimit"] = "100000",
            ["RateLimits__Signup__PermitLimit"] = "100000",
            ["RateLimits__Refresh__PermitLimit"] = "100000",
        };
        // All three start together, as after a deployment: the schema migration must cope with that.
        foreach (var name in new[] { "A", "B", "C" })
            _instances.Add(ApiProcess.Start(name, environment));
        await Task.WhenAll(_instances.Select(i => i.WaitUntilReadyAsync(TimeSpan.FromSeconds(90))));
    }

    [OneTimeTearDown]
    public void StopInstances()
    {
        foreach (var instance in _instances)
            instance.Dispose();
        _database?.Dispose();
    }

    private static int _counter;
    private static string NewUsername(string prefix = "multi") => $"{prefix}{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<long> SignUpAsync(ApiProcess on, string username) =>
        (await (await on.Client.PostAsJsonAsync("/api/signup", new { username, password = Password })).JsonAsync(201))
            .GetProperty("user").GetProperty("id").GetInt64();

    private static Task<HttpResponseMessage> AuthenticateAsync(ApiProcess on, string username, string password = Password) =>
        on.Client.PostAsJsonAsync("/api/authenticate", new { username, password });

    private static Task<HttpResponseMessage> RefreshAsync(ApiProcess on, string refreshToken) =>
        on.Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken });

    private static Task<HttpResponseMessage> SendAsync(ApiProcess on, HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return on.Client.SendAsync(request);
    }

    [Test]
    public async Task ATokenIssuedByA_IsAcceptedByBAndC()
    {
        var username = NewUsername();
        var id = await SignUpAsync(A, username);
        var token = (await (await AuthenticateAsync(A, username)).JsonAsync(200)).GetProperty("token").GetString()!;

        foreach (var instance in new[] { B, C })
        {
            var json = await (await SendAsync(instance, HttpMethod.Get, "/api/profile", token)).JsonAsync(200);
            Assert.That(json.GetProperty("user").GetProperty("id").GetInt64(), Is.EqualTo(id), instance.Name);
        }
    }

    [Test]
    public async Task ARefreshTokenUsedOnA_AndReplayedOnB_IsDetected_AndItsFamilyIsRevokedOnC()
    {
        var username = NewUsername();
        var id = await SignUpAsync(A, username);
        var first = (await (await AuthenticateAsync(A, username)).JsonAsync(200)).GetProperty("refreshToken").GetString()!;
        var second = (await (await RefreshAsync(A, first)).JsonAsync(200)).GetProperty("refreshToken").GetString()!;

        await (await RefreshAsync(B, first)).AssertProblemAsync(401);   // the replay, on another instance
        await (await RefreshAsync(C, second)).AssertProblemAsync(401);  // the whole family is gone, everywhere

        var reused = await _database!.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_events WHERE type = {"refresh.reused"} AND user_id = {id}");
        Assert.That(reused, Is.EqualTo(1));
    }

    [Test]
    public async Task FailedLoginsSpreadOverABAndC_AddUpToOneLockout()
    {
        var username = NewUsername();
        await SignUpAsync(B, username);

        var round = new[] { A, B, C, A, B };
        foreach (var instance in round)
            await (await AuthenticateAsync(instance, username, "wrong password")).AssertProblemAsync(401);

        foreach (var instance in new[] { C, A })
        {
            var locked = await AuthenticateAsync(instance, username); // even the right password
            await locked.AssertProblemAsync(429);
            Assert.That(locked.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 300), instance.Name);
        }
    }

    [Test]
    public async Task ARoleChangeMadeThroughC_IsEnforcedOnAAtTheNextRequest()
    {
        var adminName = NewUsername("admin");
        await SignUpAsync(C, adminName);
        await _database!.ExecuteAsync($"UPDATE users SET role = 4 WHERE username = {adminName}");
        var adminToken = (await (await AuthenticateAsync(C, adminName)).JsonAsync(200)).GetProperty("token").GetString()!;

        var username = NewUsername();
        var id = await SignUpAsync(A, username);
        var token = (await (await AuthenticateAsync(A, username)).JsonAsync(200)).GetProperty("token").GetString()!;
        await (await SendAsync(A, HttpMethod.Get, "/api/profile", token)).JsonAsync(200);
        await (await SendAsync(A, HttpMethod.Get, "/api/admin", token)).AssertProblemAsync(403);

        await (await SendAsync(C, HttpMethod.Put, $"/api/admin/users/{id}/role", adminToken, new { role = "admin" })).JsonAsync(200);
        await (await SendAsync(A, HttpMethod.Get, "/api/admin", token)).JsonAsync(200);

        await (await SendAsync(C, HttpMethod.Put, $"/api/admin/users/{id}/role", adminToken, new { role = "guest" })).JsonAsync(200);
        await (await SendAsync(A, HttpMethod.Get, "/api/profile", token)).AssertProblemAsync(403);
    }

    [Test]
    public async Task OnKestrel_ThereIsNoServerHeader_AndTheSecurityHeadersAreSent()
    {
        var response = await A.Client.GetAsync("/");
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Headers.Contains("Server"), Is.False);
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'self'"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        });
    }

    [Test]
    public async Task OnKestrel_AOneMegabyteChunkedBody_Returns413Problem()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"username":"{{NewUsername()}}","password":"{{new string('x', 1024 * 1024)}}"}""");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/signup") { Content = new StreamContent(new NonSeekableStream(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await B.Client.SendAsync(request);

        var json = await response.AssertProblemAsync(413);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo("The request body is larger than 16384 bytes."));
    }

    /// <summary>A body stream whose length is unknown, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
