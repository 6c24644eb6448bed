using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Auth.Infrastructure.Security;
using Auth.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Consumers;

/// <summary>
/// Other services verifying this service's tokens knowing only its URL: a .NET app with the stock JwtBearer handler
/// (<see cref="ImagesService"/>) and a Node.js script with jose (verify-token.mjs). The Auth API runs on a real
/// loopback port here, since both fetch its discovery document and keys over HTTP.
/// </summary>
[TestFixture("RS256")]
[TestFixture("ES256")]
[NonParallelizable]
public sealed class TokenConsumerTests(string algorithm)
{
    private const string Password = "correct horse battery";
    private AuthApiFactory _auth = null!;
    private HttpClient _client = null!;
    private Uri _authUrl = null!;
    private ImagesService _images = null!;
    private HttpClient _imagesClient = null!;
    private static int _counter;

    [OneTimeSetUp]
    public async Task StartBothServices()
    {
        _auth = new AuthApiFactory();
        _auth.Settings["Jwt:Algorithm"] = algorithm;
        _auth.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _auth.StartServer();
        _authUrl = new Uri(_auth.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _client = new HttpClient { BaseAddress = _authUrl };
        _images = await ImagesService.StartAsync(_authUrl);
        _imagesClient = new HttpClient { BaseAddress = _images.Address };
    }

    [OneTimeTearDown]
    public async Task StopBothServices()
    {
        _imagesClient?.Dispose();
        if (_images is not null) await _images.DisposeAsync();
        _client?.Dispose();
        _auth?.Dispose();
    }

    private async Task<(long Id, string Username, string Token)> NewTokenAsync()
    {
        var username = $"consumer{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}";
        var id = (await (await _client.PostAsJsonAsync("/api/signup", new { username, password = Password })).JsonAsync(201))
            .GetProperty("user").GetProperty("id").GetInt64();
        return (id, username, await TokenForAsync(username));
    }

    private async Task<string> TokenForAsync(string username) =>
        (await (await _client.PostAsJsonAsync("/api/authenticate", new { username, password = Password })).JsonAsync(200))
            .GetProperty("token").GetString()!;

    private Task<HttpResponseMessage> GetImagesAsync(string token) => GetImagesAsync(_imagesClient, token);

    private static async Task<HttpResponseMessage> GetImagesAsync(HttpClient images, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/images");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await images.SendAsync(request);
    }

    /// <summary>A token signed with our real key that expired ten minutes ago, beyond JwtBearer's default 5-minute skew.</summary>
    private string ExpiredToken(long id, string username)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", id.ToString()), new Claim("unique_name", username)]),
            Issuer = "auth", Audience = "auth-clients", IssuedAt = now.AddMinutes(-40), NotBefore = now.AddMinutes(-40),
            Expires = now.AddMinutes(-10),
            SigningCredentials = _auth.Services.GetRequiredService<SigningKeyRing>().Current.Signing,
        });
    }

    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"role\":\"user\"", "\"role\":\"admin\"");
        Assert.That(payload, Does.Contain("\"role\":\"admin\""), "the tampering changed the payload");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    [Test]
    public async Task TheImagesService_AcceptsATokenIssuedHere_AndRefusesATamperedOrExpiredOne()
    {
        var (id, username, token) = await NewTokenAsync();

        var accepted = await GetImagesAsync(token);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        Assert.That((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner").GetString(), Is.EqualTo(id.ToString()));
        Assert.Multiple(async () =>
        {
            Assert.That((await GetImagesAsync(Tampered(token))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await GetImagesAsync(ExpiredToken(id, username))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task TheImagesService_KeepsAcceptingTokensAcrossKeysRotate_WithoutARestart()
    {
        // An images service of its own: JwtBearer refetches on an unknown kid at most once per RefreshInterval (5 min
        // by default), and the shared one may have spent that on the other tests' bad tokens (README, consumers).
        await using var service = await ImagesService.StartAsync(_authUrl);
        using var images = new HttpClient { BaseAddress = service.Address };
        var (_, username, before) = await NewTokenAsync();
        Assert.That((await GetImagesAsync(images, before)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "it has fetched the keys");

        var rotate = await CliRunner.RunKeysAsync(_auth.Database, ["keys", "rotate"], new Dictionary<string, string?> { ["Jwt:Algorithm"] = algorithm });
        Assert.That(rotate.ExitCode, Is.EqualTo(0), rotate.ToString());
        _auth.Clock.Advance(SigningKeyMaintenance.Interval);
        string after = before;
        await Eventually.ThatAsync(async () => new JsonWebToken(after = await TokenForAsync(username)).Kid != new JsonWebToken(before).Kid,
            "the Auth API signs with the new key");

        // Its first token with the new kid sends JwtBearer back to the JWKS (RefreshOnIssuerKeyNotFound, on by default).
        var refusals = 0;
        await Eventually.ThatAsync(async () =>
        {
            if ((await GetImagesAsync(images, after)).StatusCode == HttpStatusCode.OK)
                return true;
            refusals++;
            return false;
        }, "the images service accepts the new key's token", seconds: 20);
        Assert.Multiple(async () =>
        {
            Assert.That(refusals, Is.LessThanOrEqualTo(1), "at most the one token that made it refetch the keys");
            Assert.That((await GetImagesAsync(images, before)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the previous key's tokens still work");
        });
    }

    [Test]
    public async Task AJoseScriptInNode_VerifiesTheSameToken_AgainstTheSameJwksUrl_AndRefusesATamperedOne()
    {
        var (id, username, token) = await NewTokenAsync();
        var results = await RunJoseAsync(token, Tampered(token), ExpiredToken(id, username));

        Assert.Multiple(() =>
        {
            Assert.That(results[0].GetProperty("valid").GetBoolean(), Is.True, results[0].GetRawText());
            Assert.That(results[0].GetProperty("sub").GetString(), Is.EqualTo(id.ToString()));
            Assert.That(results[0].GetProperty("alg").GetString(), Is.EqualTo(algorithm));
            Assert.That(results[1].GetProperty("valid").GetBoolean(), Is.False, results[1].GetRawText());
            Assert.That(results[2].GetProperty("valid").GetBoolean(), Is.False, results[2].GetRawText());
            Assert.That(results[2].GetProperty("code").GetString(), Is.EqualTo("ERR_JWT_EXPIRED"));
        });
    }

    /// <summary>
    /// Runs verify-token.mjs with the jose installed in AUTH_TEST_JOSE (scripts/install-jose.sh; .cache/jose when it is
    /// there). Without node or jose the test is ignored with a message, and fails in CI.
    /// </summary>
    private async Task<List<JsonElement>> RunJoseAsync(params string[] tokens)
    {
        var joseDirectory = JoseDirectory();
        // Node resolves "jose" from the script's own directory upwards: the script runs from beside node_modules.
        var script = Path.Combine(joseDirectory, "verify-token.mjs");
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "Consumers", "verify-token.mjs"), script, overwrite: true);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, new Uri(_authUrl, "/.well-known/jwks.json").ToString(), "auth", "auth-clients" }.Concat(tokens))
            start.ArgumentList.Add(arg);
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        Assert.That(node.ExitCode, Is.EqualTo(0), await error);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
    }

    private static string JoseDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("AUTH_TEST_JOSE");
        if (string.IsNullOrWhiteSpace(configured))
        {
            var cached = Path.Combine(RepositoryRoot(), ".cache", "jose");
            configured = HasJose(cached) && NodeRuns() ? cached
                : TestServers.Require("AUTH_TEST_JOSE", "Node.js with the npm package jose (eval \"$(scripts/install-jose.sh)\")");
        }
        if (!HasJose(configured) || !NodeRuns())
        {
            var message = $"AUTH_TEST_JOSE={configured} holds no node_modules/jose, or node does not run: eval \"$(scripts/install-jose.sh)\".";
            if (TestServers.InCi) Assert.Fail(message);
            Assert.Ignore(message);
        }
        return configured;
    }

    private static bool HasJose(string directory) => File.Exists(Path.Combine(directory, "node_modules", "jose", "package.json"));

    private static bool NodeRuns()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            node.WaitForExit(10_000);
            return node.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no node on the PATH
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Auth.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Auth.sln not found above the test directory.");
    }
}
