using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>GET /.well-known/jwks.json and /.well-known/openid-configuration under the default algorithm (RS256).</summary>
public sealed class WellKnownTests : ApiTestBase
{
    [Test]
    public async Task Jwks_ListsTheActiveKey_CacheablePubliclyForFiveMinutes()
    {
        var response = await Client.GetAsync("/.well-known/jwks.json");
        var jwks = await response.JsonAsync(200);
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(response.Headers.CacheControl?.Public, Is.True);
            Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(300)));
            var key = jwks.GetProperty("keys")[0];
            Assert.That(key.GetProperty("kty").GetString(), Is.EqualTo("RSA"));
            Assert.That(key.GetProperty("alg").GetString(), Is.EqualTo("RS256"));
            Assert.That(key.GetProperty("kid").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task OpenIdConfiguration_NamesTheIssuer_TheJwksUrlAsCalled_AndTheAlgorithm()
    {
        var discovery = await (await Client.GetAsync("/.well-known/openid-configuration")).JsonAsync(200);
        var jwksUri = new Uri(discovery.GetProperty("jwks_uri").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo("auth"));
            Assert.That(jwksUri, Is.EqualTo(new Uri(Client.BaseAddress!, "/.well-known/jwks.json")));
            Assert.That(discovery.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()),
                Is.EqualTo(new[] { "RS256" }));
        });
        await (await Client.GetAsync(jwksUri)).JsonAsync(200);
    }

    [Test]
    public async Task AnUnknownWellKnownPath_Is404Problem_NotTheBrowserApp() =>
        await (await Client.GetAsync("/.well-known/security.txt")).AssertProblemAsync(404);
}

/// <summary>Under HS256 the service has no public key: nothing is published, and an HMAC secret never is.</summary>
public sealed class WellKnownUnderHs256Tests : ApiTestBase
{
    protected override void Configure(AuthApiFactory factory) => factory.Settings["Jwt:Algorithm"] = "HS256";

    [TestCase("/.well-known/jwks.json")]
    [TestCase("/.well-known/openid-configuration")]
    public async Task NothingIsPublished_404Problem(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        await response.AssertProblemAsync(404);
        Assert.That(body, Does.Not.Contain(AuthApiFactory.TestSecret));
    }

    [Test]
    public async Task StartUp_SaysOtherServicesCannotVerifyTokensWithoutTheSecret()
    {
        await Client.GetAsync("/health/live");
        Assert.That(Factory.Logs.Entries.Select(e => e.Message), Has.Some.Contains("HS256").And.Contains("cannot verify them without that secret"));
    }

    [Test]
    public async Task TokensStillWork_UnderBothSchemes()
    {
        var (_, _, token) = await NewSignedInUserAsync();
        Assert.That(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Alg, Is.EqualTo("HS256"));
        await (await GetAsync("/api/profile", token, "Bearer")).JsonAsync(200);
        await (await GetAsync("/api/profile", token, "JWT")).JsonAsync(200);
    }
}
