using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>
/// Https:Enabled outside Development: plain HTTP is redirected and HTTPS answers carry HSTS. Behind a proxy named in
/// ForwardedHeaders:KnownProxies, X-Forwarded-Proto and X-Forwarded-For are believed; from anyone else they are not.
/// </summary>
public sealed class TransportSecurityTests : ApiTestBase
{
    private const string Proxy = "10.0.0.1", Stranger = "10.0.0.2";

    protected override void Configure(AuthApiFactory factory)
    {
        factory.Settings["Https:Enabled"] = "true";
        factory.Settings["Https:HstsMaxAgeDays"] = "30";
        factory.Settings["ForwardedHeaders:KnownProxies:0"] = Proxy;
    }

    private HttpClient ClientFor(string baseAddress)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(baseAddress),
            AllowAutoRedirect = false,
        });
        return client;
    }

    private static HttpRequestMessage SignUpRequest(string username, string peer, string? forwardedFor = null, string? forwardedProto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/signup") { Content = JsonContent.Create(new { username, password = Password }) };
        request.Headers.Add(PeerAddressFromTestHeader.Header, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    private Task<string> AuditedClientIpAsync(string username) =>
        Factory.Database.ScalarAsync<string>($"SELECT client_ip FROM audit_events WHERE type = {"signup"} AND username = {username}");

    [Test]
    public async Task PlainHttp_IsRedirectedToHttps_KeepingTheMethod()
    {
        using var http = ClientFor("http://auth.example.com");
        var response = await http.SendAsync(SignUpRequest(NewUsername(), Stranger));

        Assert.That((int)response.StatusCode, Is.EqualTo(308), "308 keeps a POST a POST");
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("https://auth.example.com/api/signup"));
    }

    [Test]
    public async Task Https_AnswersWithStrictTransportSecurity()
    {
        using var https = ClientFor("https://auth.example.com");
        var response = await https.GetAsync("/api/me");

        await response.JsonAsync(200);
        Assert.That(response.Headers.GetValues("Strict-Transport-Security"), Is.EqualTo(new[] { $"max-age={30 * 86400}" }));
    }

    [Test]
    public async Task HealthProbes_StayOnPlainHttp()
    {
        using var http = ClientFor("http://auth.example.com");
        await (await http.GetAsync("/health/live")).JsonAsync(200);
    }

    [Test]
    public async Task BehindTheKnownProxy_TheForwardedSchemeAndClientAddressAreUsed()
    {
        using var http = ClientFor("http://auth.example.com");
        var username = NewUsername();

        var response = await http.SendAsync(SignUpRequest(username, Proxy, forwardedFor: "203.0.113.9", forwardedProto: "https"));

        await response.JsonAsync(201); // not redirected: the proxy says the client spoke HTTPS
        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.True);
        Assert.That(await AuditedClientIpAsync(username), Is.EqualTo("203.0.113.9"));
    }

    [Test]
    public async Task FromAnUnknownPeer_ForwardedHeadersAreIgnored()
    {
        using var http = ClientFor("http://auth.example.com");
        var redirected = await http.SendAsync(SignUpRequest(NewUsername(), Stranger, forwardedProto: "https"));
        Assert.That((int)redirected.StatusCode, Is.EqualTo(308), "a stranger cannot claim HTTPS");

        using var https = ClientFor("https://auth.example.com");
        var username = NewUsername();
        await (await https.SendAsync(SignUpRequest(username, Stranger, forwardedFor: "203.0.113.10"))).JsonAsync(201);
        Assert.That(await AuditedClientIpAsync(username), Is.EqualTo(Stranger), "a stranger cannot choose its rate-limit partition");
    }
}

/// <summary>Without Https:Enabled (the default) nothing is redirected and no HSTS is sent, e.g. for plain `dotnet run`.</summary>
public sealed class TransportSecurityOffByDefaultTests : ApiTestBase
{
    [Test]
    public async Task PlainHttp_IsServed_WithoutHsts()
    {
        var response = await Client.GetAsync("/api/me");
        await response.JsonAsync(200);
        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False);
    }

    [Test]
    public async Task ForwardedHeaders_AreIgnored_WhenNoProxyIsConfigured()
    {
        var username = NewUsername();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/signup") { Content = JsonContent.Create(new { username, password = Password }) };
        request.Headers.Add(PeerAddressFromTestHeader.Header, "127.0.0.1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.11");
        await (await Client.SendAsync(request)).JsonAsync(201);

        var ip = await Factory.Database.ScalarAsync<string>($"SELECT client_ip FROM audit_events WHERE type = {"signup"} AND username = {username}");
        Assert.That(ip, Is.EqualTo("127.0.0.1"), "loopback is not trusted as a proxy by default");
    }
}
