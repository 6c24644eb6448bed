using System.Net.Http.Json;
using Auth.Api.Logging;
using Auth.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Api;

/// <summary>Request logs, correlation ids, and what must never be logged. Every category logs at Trace here.</summary>
public sealed class RequestLoggingTests : ApiTestBase
{
    private readonly CapturedLogs _logs = new(everyCategory: true);

    protected override void Configure(AuthApiFactory factory)
    {
        factory.Logs = _logs;
        foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore" })
            factory.Settings[$"Logging:LogLevel:{category}"] = "Trace";
    }

    private IEnumerable<CapturedLog> RequestLines(string correlationId) =>
        _logs.Entries.Where(e => e.Category == typeof(RequestLogging).FullName
                                 && e.State.Any(p => p.Key == "CorrelationId" && (string?)p.Value == correlationId));

    private async Task<HttpResponseMessage> SendWithCorrelationId(HttpMethod method, string path, string? correlationId, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (correlationId is not null)
            request.Headers.TryAddWithoutValidation(RequestLogging.HeaderName, correlationId);
        if (token is not null)
            request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return await Client.SendAsync(request);
    }

    [Test]
    public async Task NoPasswordTokenRefreshTokenOrHash_AppearsInAnyLogLine_OfASignUpLoginRefreshAndProfile()
    {
        var username = NewUsername("secret");
        const string password = "S3cret-Passw0rd-Only-In-This-Test"; // test-only value
        await (await Client.PostAsJsonAsync("/api/signup", new { username, password })).JsonAsync(201);
        await (await Client.PostAsJsonAsync("/api/authenticate", new { username, password = password + "x" })).AssertProblemAsync(401);
        var login = await LoginAsync(username, password);
        var accessToken = login.GetProperty("token").GetString()!;
        var refreshToken = login.GetProperty("refreshToken").GetString()!;
        var refreshed = await (await Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken })).JsonAsync(200);
        var secondAccessToken = refreshed.GetProperty("token").GetString()!;
        var secondRefreshToken = refreshed.GetProperty("refreshToken").GetString()!;
        await (await GetAsync("/api/profile", secondAccessToken)).JsonAsync(200);
        await (await Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken })).AssertProblemAsync(401); // reuse
        var hash = await Factory.Database.ScalarAsync<string>($"SELECT password_hash FROM users WHERE username = {username}");

        var logged = _logs.AllText;
        Assert.That(_logs.Entries.Count(e => e.Category == typeof(RequestLogging).FullName), Is.GreaterThanOrEqualTo(6),
            "the capture sees the request lines, so an absent secret means it was not logged");
        Assert.That(logged, Does.Contain(username), "the capture sees what the requests logged");
        Assert.Multiple(() =>
        {
            Assert.That(logged, Does.Not.Contain(password), "password");
            Assert.That(logged, Does.Not.Contain(accessToken), "access token");
            Assert.That(logged, Does.Not.Contain(accessToken.Split('.')[2]), "access token signature");
            Assert.That(logged, Does.Not.Contain(secondAccessToken), "second access token");
            Assert.That(logged, Does.Not.Contain(refreshToken), "refresh token");
            Assert.That(logged, Does.Not.Contain(secondRefreshToken), "rotated refresh token");
            Assert.That(logged, Does.Not.Contain(hash), "password hash");
            Assert.That(logged, Does.Not.Contain(hash[7..29]), "password hash salt");
        });
    }

    [Test]
    public async Task EveryRequest_LogsOneLine_WithMethodPathStatusAndElapsedMilliseconds()
    {
        var id = "test-" + Guid.NewGuid().ToString("N")[..12];
        await SendWithCorrelationId(HttpMethod.Get, "/api/me?page=1", id);

        var line = RequestLines(id).Single();
        var state = line.State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Multiple(() =>
        {
            Assert.That(line.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(state["Method"], Is.EqualTo("GET"));
            Assert.That(state["Path"], Is.EqualTo("/api/me"), "the query string is not logged");
            Assert.That(state["StatusCode"], Is.EqualTo(200));
            Assert.That(state["ElapsedMs"], Is.TypeOf<double>().And.GreaterThanOrEqualTo(0));
            Assert.That(line.Message, Does.Contain("GET /api/me responded 200 in").And.Contain(id));
        });
    }

    [Test]
    public async Task ASaneCorrelationId_IsEchoed_AndEveryLogLineOfTheRequestCarriesIt()
    {
        var id = "Client-Trace_1." + Guid.NewGuid().ToString("N")[..8];
        var response = await SendWithCorrelationId(HttpMethod.Post, "/api/signup", id, new { username = NewUsername(), password = Password });

        await response.JsonAsync(201);
        Assert.That(response.Headers.GetValues(RequestLogging.HeaderName).Single(), Is.EqualTo(id));
        var linesOfTheRequest = _logs.Entries.Where(e => (string?)e.ScopeValue("CorrelationId") == id).ToList();
        Assert.That(linesOfTheRequest.Select(e => e.Category), Does.Contain("Auth.Core.Services.AuditTrail"),
            "the audit line logged deep inside Core carries the request's id");
        Assert.That(linesOfTheRequest.Select(e => e.Category), Does.Contain(typeof(RequestLogging).FullName));
    }

    [TestCase("", TestName = "AnEmptyCorrelationId_IsReplacedByAGeneratedOne")]
    [TestCase("has spaces in it", TestName = "ACorrelationIdWithSpaces_IsReplacedByAGeneratedOne")]
    [TestCase("id\"},{\"forged\":\"log", TestName = "ACorrelationIdWithQuotes_IsReplacedByAGeneratedOne")]
    [TestCase("a123456789b123456789c123456789d123456789e123456789f123456789g12345", TestName = "A65CharacterCorrelationId_IsReplacedByAGeneratedOne")]
    [TestCase(null, TestName = "AMissingCorrelationId_IsGenerated")]
    public async Task AnUnusableCorrelationId_IsReplacedByAGeneratedOne(string? sent)
    {
        var response = await SendWithCorrelationId(HttpMethod.Get, "/health/live", sent);
        var echoed = response.Headers.GetValues(RequestLogging.HeaderName).Single();
        Assert.That(echoed, Is.Not.EqualTo(sent).And.Match("^[A-Za-z0-9._-]{1,64}$"));
        Assert.That(RequestLines(echoed).Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task GeneratedCorrelationIds_Are32LowercaseHexCharacters_AndNeverRepeat()
    {
        var requests = Enumerable.Range(0, 40).Select(_ => SendWithCorrelationId(HttpMethod.Get, "/health/live", null));
        var ids = (await Task.WhenAll(requests)).Select(r => r.Headers.GetValues(RequestLogging.HeaderName).Single()).ToList();
        Assert.That(ids, Has.All.Match("^[0-9a-f]{32}$"));
        Assert.That(ids, Is.Unique);

        var many = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 100_000, _ => many.Add(RequestLogging.NewCorrelationId()));
        Assert.That(many.Distinct().Count(), Is.EqualTo(100_000), "ids generated on many threads at once are all different");
    }

    [Test]
    public async Task A64CharacterCorrelationId_IsKept()
    {
        var id = new string('a', 63) + "Z";
        var response = await SendWithCorrelationId(HttpMethod.Get, "/health/live", id);
        Assert.That(response.Headers.GetValues(RequestLogging.HeaderName).Single(), Is.EqualTo(id));
    }

    [TestCase("/api/nope", 404)]
    [TestCase("/api/profile", 401)]
    public async Task ErrorResponses_EchoTheCorrelationId_AndTheirStatusIsLogged(string path, int status)
    {
        var id = "err-" + Guid.NewGuid().ToString("N")[..8];
        var response = await SendWithCorrelationId(HttpMethod.Get, path, id);
        await response.AssertProblemAsync(status);
        Assert.That(response.Headers.GetValues(RequestLogging.HeaderName).Single(), Is.EqualTo(id));
        Assert.That(RequestLines(id).Single().State.Single(p => p.Key == "StatusCode").Value, Is.EqualTo(status));
    }
}
