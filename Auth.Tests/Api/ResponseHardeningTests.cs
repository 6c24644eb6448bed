using System.Net;
using System.Net.Http.Json;
using System.Text;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>Security headers on every kind of response, and the request body limit.</summary>
public sealed class ResponseHardeningTests : ApiTestBase
{
    private const string Csp = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    private const int OneMegabyte = 1024 * 1024;

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(", ", values) : null;
        Assert.Multiple(() =>
        {
            Assert.That(Header("Content-Security-Policy"), Is.EqualTo(Csp));
            Assert.That(Header("X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(Header("Referrer-Policy"), Is.EqualTo("no-referrer"));
            Assert.That(Header("X-Frame-Options"), Is.EqualTo("DENY"));
            Assert.That(Header("Server"), Is.Null);
        });
    }

    [TestCase("GET", "/api/me", null, 200, TestName = "SecurityHeaders_OnAnApiAnswer")]
    [TestCase("GET", "/api/profile", null, 401, TestName = "SecurityHeaders_OnA401")]
    [TestCase("GET", "/api/nope", null, 404, TestName = "SecurityHeaders_OnAnUnknownApiPath")]
    [TestCase("POST", "/api/authenticate", "not json", 400, TestName = "SecurityHeaders_OnAValidationError")]
    [TestCase("GET", "/", null, 200, TestName = "SecurityHeaders_OnTheSpaPage")]
    [TestCase("GET", "/admin/deep/link", null, 200, TestName = "SecurityHeaders_OnASpaDeepLink")]
    [TestCase("GET", "/css/app.css", null, 200, TestName = "SecurityHeaders_OnAStaticFile")]
    [TestCase("GET", "/health/live", null, 200, TestName = "SecurityHeaders_OnAHealthProbe")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string method, string path, string? body, int status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await Client.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        AssertSecurityHeaders(response);
    }

    [Test]
    public async Task SecurityHeaders_OnA403()
    {
        var user = await NewSignedInUserAsync();
        var response = await GetAsync("/api/admin", user.Token);
        await response.AssertProblemAsync(403);
        AssertSecurityHeaders(response);
    }

    [Test]
    public async Task AOneMegabyteBodyWithContentLength_Returns413Problem_BeforeAnythingIsStored()
    {
        var username = NewUsername("huge");
        var body = $$"""{"username":"{{username}}","password":"{{new string('x', OneMegabyte)}}"}""";
        var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await Client.PostAsync("/api/signup", content);

        var json = await response.AssertProblemAsync(413);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo("The request body is larger than 16384 bytes."));
        AssertSecurityHeaders(response);
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE username = {username}"), Is.EqualTo(0));
    }

    [Test]
    public async Task AOneMegabyteChunkedBody_Returns413Problem_NotA500()
    {
        var username = NewUsername("chunked");
        var body = Encoding.UTF8.GetBytes($$"""{"username":"{{username}}","password":"{{new string('x', OneMegabyte)}}"}""");

        var response = await PostChunkedAsync("/api/signup", body);

        var json = await response.AssertProblemAsync(413);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo("The request body is larger than 16384 bytes."));
        AssertSecurityHeaders(response);
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE username = {username}"), Is.EqualTo(0));
    }

    [Test]
    public async Task ABodyJustUnderTheLimit_IsReadAsUsual_ChunkedOrNot()
    {
        // Just under 16 KB of JSON with an unknown field: the limit counts bytes, and unknown fields are ignored.
        byte[] Body() => Encoding.UTF8.GetBytes(
            $$"""{"username":"{{NewUsername()}}","password":"{{Password}}","padding":"{{new string('p', 16 * 1024 - 200)}}"}""");
        var chunked = Body();
        Assert.That(chunked, Has.Length.InRange(16 * 1024 - 200, 16 * 1024));

        await (await PostChunkedAsync("/api/signup", chunked)).JsonAsync(201);
        await (await Client.PostAsync("/api/signup", new ByteArrayContent(Body()) { Headers = { ContentType = new("application/json") } })).JsonAsync(201);
    }

    /// <summary>
    /// Posts a body without Content-Length (Transfer-Encoding: chunked). Straight to the server: HttpClient's TestServer
    /// handler would buffer the content and add a Content-Length.
    /// </summary>
    private async Task<HttpResponseMessage> PostChunkedAsync(string path, byte[] body)
    {
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = path;
            c.Request.ContentType = "application/json";
            c.Request.Headers.TransferEncoding = "chunked";
            c.Request.Body = new MemoryStream(body);
        });
        Assert.That(context.Request.ContentLength, Is.Null, "the body went without a Content-Length");

        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            Content = new StreamContent(context.Response.Body),
        };
        foreach (var (name, values) in context.Response.Headers)
            if (!response.Headers.TryAddWithoutValidation(name, values.ToArray()))
                response.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
        return response;
    }
}

/// <summary>Limits:MaxRequestBodyBytes is configuration.</summary>
public sealed class ConfiguredBodyLimitTests : ApiTestBase
{
    protected override void Configure(AuthApiFactory factory) => factory.Settings["Limits:MaxRequestBodyBytes"] = "2048";

    [Test]
    public async Task ABodyOverTheConfiguredLimit_Returns413Problem()
    {
        var response = await Client.PostAsJsonAsync("/api/authenticate", new { username = "someone", password = new string('x', 3000) });
        var json = await response.AssertProblemAsync(413);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo("The request body is larger than 2048 bytes."));
    }
}
