using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

public sealed class FallbackAndHealthTests : ApiTestBase
{
    [TestCase("/")]
    [TestCase("/login")]
    [TestCase("/admin")]
    [TestCase("/profile/deep/link")]
    public async Task PathsOutsideTheApi_ServeTheSpaPage(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(body, Does.Contain("<html").IgnoreCase);
    }

    [TestCase("/api/nope")]
    [TestCase("/api/admin/nope/deeper")]
    [TestCase("/api/admin/users/not-a-number/role")]
    [TestCase("/health/nope")]
    public async Task UnknownApiPaths_Return404Problem_NeverTheHtmlPage(string path)
    {
        await (await Client.GetAsync(path)).AssertProblemAsync(404);
    }

    [TestCase("GET", "/api/signup", "POST")]
    [TestCase("PUT", "/api/authenticate", "POST")]
    [TestCase("GET", "/api/token/refresh", "POST")]
    [TestCase("DELETE", "/api/profile", "GET")]
    [TestCase("PUT", "/api/admin/users/5/password-reset", "POST")]
    [TestCase("GET", "/api/admin/users/5/role", "PUT")]
    [TestCase("GET", "/api/admin/users/5", "DELETE")]
    public async Task AKnownApiPathWithTheWrongMethod_Returns405Problem_WithAllow(string method, string path, string allow)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await response.AssertProblemAsync(405);
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { allow }));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain($"does not accept {method}"));
        });
    }

    /// <summary>A browser's Accept header names HTML first: API paths still answer with the problem, never the page.</summary>
    [TestCase("GET", "/api/nope", 404)]
    [TestCase("GET", "/api/signup", 405)]
    [TestCase("GET", "/api/profile", 401)]
    [TestCase("GET", "/health/nope", 404)]
    public async Task ABrowserNavigatingToAnApiPath_GetsTheProblemBody(string method, string path, int status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        await (await Client.SendAsync(request)).AssertProblemAsync(status);
    }

    [Test]
    public async Task AnApiPathRefusedOnlyByItsConstraint_WithTheRightMethod_Returns404()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/users/not-a-number/role")
        {
            Content = JsonContent.Create(new { role = "user" }),
        };
        await (await Client.SendAsync(request)).AssertProblemAsync(404);
    }

    [Test]
    public async Task HealthLive_Returns200Json()
    {
        var json = await (await Client.GetAsync("/health/live")).JsonAsync(200);
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task HealthReady_Returns200_WhenTheDatabaseIsMigrated()
    {
        var json = await (await Client.GetAsync("/health/ready")).JsonAsync(200);
        Assert.That(json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task HealthEndpoints_AreAnonymous_EvenWithAnInvalidToken(string path)
    {
        var json = await (await GetAsync(path, "not-a-valid-token")).JsonAsync(200);
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }
}
