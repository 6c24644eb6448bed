using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Auth.Infrastructure.Security;
using Auth.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Api;

/// <summary>
/// The managed keys as a client and an operator see them: made on first start, rotated by the clock or by
/// <c>keys rotate</c>, retired once their tokens have expired, stored only encrypted. Each test has its own app and
/// database, as the keys are state the tests change.
/// </summary>
public sealed class SigningKeyTests
{
    private const string Password = "correct horse battery";
    private static int _counter;

    private sealed class App : IDisposable
    {
        public AuthApiFactory Factory { get; }
        public HttpClient Client { get; }

        public App(Dictionary<string, string?>? settings = null, TestDatabase? database = null)
        {
            Factory = database is null ? new AuthApiFactory() : new AuthApiFactory(database);
            foreach (var (key, value) in settings ?? [])
                Factory.Settings[key] = value;
            Client = Factory.CreateClient();
        }

        public SigningKeyRing Ring => Factory.Services.GetRequiredService<SigningKeyRing>();

        public async Task<(long Id, string Username, string Token)> NewTokenAsync()
        {
            var username = $"keys{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}";
            var user = await (await Client.PostAsJsonAsync("/api/signup", new { username, password = Password })).JsonAsync(201);
            return (user.GetProperty("user").GetProperty("id").GetInt64(), username, await TokenForAsync(username));
        }

        public async Task<string> TokenForAsync(string username) =>
            (await (await Client.PostAsJsonAsync("/api/authenticate", new { username, password = Password })).JsonAsync(200))
                .GetProperty("token").GetString()!;

        public async Task<int> ProfileStatusAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/profile") { Headers = { { "Authorization", $"Bearer {token}" } } };
            return (int)(await Client.SendAsync(request)).StatusCode;
        }

        public async Task<List<string>> PublishedKidsAsync() =>
            (await (await Client.GetAsync("/.well-known/jwks.json")).JsonAsync(200)).GetProperty("keys").EnumerateArray()
                .Select(k => k.GetProperty("kid").GetString()!).ToList();

        /// <summary>
        /// A token with a fresh lifetime in a live session, signed by the given key: refused only when the key is no
        /// longer accepted.
        /// </summary>
        public string SignedBy(SecurityKey key, long userId, string username, string sessionId)
        {
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("unique_name", username), new Claim("sid", sessionId)]),
                Issuer = "auth", Audience = "auth-clients", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(30),
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            });
        }

        public void Dispose()
        {
            Client.Dispose();
            Factory.Dispose();
        }
    }

    private static string KidOf(string token) => new JsonWebToken(token).Kid;

    [Test]
    public async Task ScheduledRotation_PublishesTheNextKeyFirst_SwitchesAfterTheLifetime_AndRetiresTheOldKeyWhenItsTokensHaveExpired()
    {
        using var app = new App();
        var (id, username, first) = await app.NewTokenAsync();
        var kid1 = KidOf(first);
        var oldKey = app.Ring.Current.Signing!.Key;

        // A day before the 90 days are up, the next key is published but does not sign yet.
        app.Factory.Clock.Advance(TimeSpan.FromDays(89) + TimeSpan.FromMinutes(1));
        await Eventually.ThatAsync(async () => (await app.PublishedKidsAsync()).Count == 2, "the next key is published ahead");
        Assert.That(KidOf(await app.TokenForAsync(username)), Is.EqualTo(kid1), "the published key does not sign before its time");

        app.Factory.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(2));
        var beforeRotation = await app.TokenForAsync(username);
        Assert.That(KidOf(beforeRotation), Is.EqualTo(kid1));

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        string? kid2 = null;
        await Eventually.ThatAsync(async () => (kid2 = KidOf(await app.TokenForAsync(username))) != kid1, "the next key signs after 90 days");
        Assert.Multiple(async () =>
        {
            Assert.That(await app.PublishedKidsAsync(), Is.EquivalentTo(new[] { kid1, kid2 }));
            Assert.That(await app.ProfileStatusAsync(beforeRotation), Is.EqualTo(200), "a token signed before the rotation still works");
            Assert.That(await app.ProfileStatusAsync(app.SignedBy(oldKey, id, username, new JsonWebToken(first).GetClaim("sid").Value)), Is.EqualTo(200), "the old key is still accepted");
        });

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(27));
        Assert.That(await app.ProfileStatusAsync(beforeRotation), Is.EqualTo(200), "until it expires");

        // Past the last expiry of an old-key token (activation + 30 min + 30 s of skew) the old key is retired.
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.ThatAsync(async () => (await app.PublishedKidsAsync()).SequenceEqual([kid2!]), "the old key is unpublished");
        Assert.Multiple(async () =>
        {
            Assert.That(await app.ProfileStatusAsync(beforeRotation), Is.EqualTo(401));
            Assert.That(await app.ProfileStatusAsync(app.SignedBy(oldKey, id, username, new JsonWebToken(first).GetClaim("sid").Value)), Is.EqualTo(401),
                "a fresh token signed with the retired key is refused: the key, not the expiry, decides");
            Assert.That(await app.ProfileStatusAsync(await app.TokenForAsync(username)), Is.EqualTo(200));
            var types = await app.Factory.Database.ColumnAsync($"SELECT type FROM audit_events WHERE type LIKE 'key.%' ORDER BY id");
            Assert.That(types, Is.EqualTo(new[] { "key.created", "key.activated", "key.created", "key.activated", "key.retired" }));
        });
    }

    [Test]
    public async Task KeysRotate_NewTokensUseTheNewKey_WhileTokensOfThePreviousOneKeepWorking()
    {
        using var app = new App();
        var (_, username, before) = await app.NewTokenAsync();

        var rotate = await CliRunner.RunKeysAsync(app.Factory.Database, ["keys", "rotate"]);
        Assert.That(rotate.ExitCode, Is.EqualTo(0), rotate.ToString());
        Assert.That(rotate.Out, Does.Contain("signs from now on").And.Contain($"Key {KidOf(before)} stays accepted until"));

        // Running instances pick the rotation up at their next maintenance (every 30 s).
        app.Factory.Clock.Advance(SigningKeyMaintenance.Interval);
        await Eventually.ThatAsync(async () => KidOf(await app.TokenForAsync(username)) != KidOf(before), "new tokens carry the new kid");
        Assert.Multiple(async () =>
        {
            Assert.That(await app.ProfileStatusAsync(before), Is.EqualTo(200));
            Assert.That(await app.PublishedKidsAsync(), Has.Count.EqualTo(2).And.Contains(KidOf(before)));
        });

        var list = await CliRunner.RunKeysAsync(app.Factory.Database, ["keys", "list"]);
        Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
        var lines = list.Out.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Contains(KidOf(before)).And.Contains("previous"));
            Assert.That(lines, Has.Some.Contains("active").And.Contains("RS256"));
            Assert.That(list.Out, Does.Contain("2 key(s)"));
        });
    }

    [Test]
    public async Task KeysRotateRevokePrevious_RefusesTokensOfThePreviousKey()
    {
        using var app = new App();
        var (_, username, before) = await app.NewTokenAsync();

        var rotate = await CliRunner.RunKeysAsync(app.Factory.Database, ["keys", "rotate", "--revoke-previous"]);
        Assert.That(rotate.ExitCode, Is.EqualTo(0), rotate.ToString());
        Assert.That(rotate.Out, Does.Contain($"Key {KidOf(before)} is retired"));

        app.Factory.Clock.Advance(SigningKeyMaintenance.Interval);
        await Eventually.ThatAsync(async () => await app.ProfileStatusAsync(before) == 401, "the revoked key's token is refused");
        var after = await app.TokenForAsync(username);
        Assert.Multiple(async () =>
        {
            Assert.That(await app.ProfileStatusAsync(after), Is.EqualTo(200));
            Assert.That(await app.PublishedKidsAsync(), Is.EqualTo(new[] { KidOf(after) }));
            var retired = await app.Factory.Database.ColumnAsync($"SELECT detail FROM audit_events WHERE type = 'key.retired'");
            Assert.That(retired, Has.One.Contains(KidOf(before)).And.Contains("revoked"));
        });
    }

    [Test]
    public async Task KeysRotate_UnderHs256_IsRefused_AndAnUnknownCommandIsAUsageError()
    {
        using var app = new App(new() { ["Jwt:Algorithm"] = "HS256" });
        var rotate = await CliRunner.RunKeysAsync(app.Factory.Database, ["keys", "rotate"], new Dictionary<string, string?> { ["Jwt:Algorithm"] = "HS256" });
        var unknown = await CliRunner.RunKeysAsync(app.Factory.Database, ["keys", "shred"]);
        Assert.Multiple(() =>
        {
            Assert.That(rotate.ExitCode, Is.EqualTo(1), rotate.ToString());
            Assert.That(rotate.Error, Does.Contain("HS256"));
            Assert.That(unknown.ExitCode, Is.EqualTo(2), unknown.ToString());
        });
    }

    [Test]
    public async Task TheStoredPrivateKey_IsEncrypted_NeverThePemOrTheKeyBytes()
    {
        using var app = new App();
        await app.NewTokenAsync();
        var privateKey = (RsaSecurityKey)app.Ring.Current.Signing!.Key;
        var pem = privateKey.Rsa.ExportPkcs8PrivateKeyPem();
        var pkcs8 = privateKey.Rsa.ExportPkcs8PrivateKey();

        var stored = await app.Factory.Database.ColumnAsync($"SELECT encrypted_private_key FROM signing_keys");
        var publicKeys = await app.Factory.Database.ColumnAsync($"SELECT public_key FROM signing_keys");
        Assert.That(stored, Has.Count.EqualTo(1));
        var sealedBytes = Convert.FromBase64String(stored[0]);
        var pemBody = pem.Split('\n')[1]; // the first line of base64 after the BEGIN line
        Assert.Multiple(() =>
        {
            Assert.That(stored[0], Does.Not.Contain("PRIVATE KEY").And.Not.Contain(pemBody));
            Assert.That(sealedBytes.AsSpan().IndexOf(pkcs8.AsSpan(0, 64)), Is.EqualTo(-1), "no run of the PKCS#8 bytes in the column");
            Assert.That(publicKeys[0], Does.StartWith("-----BEGIN PUBLIC KEY-----"));
        });
    }

    [Test]
    public async Task AnotherInstanceWithADifferentSecret_RefusesToStart_NamingTheFix()
    {
        using var first = new App();
        await first.NewTokenAsync();

        using var second = new AuthApiFactory(first.Factory.Database);
        second.Settings["Jwt:Secret"] = "a-different-secret-of-at-least-32-bytes-0123";
        var failure = Assert.Catch(() => second.CreateClient());
        Assert.That(failure!.ToString(), Does.Contain("cannot decrypt the active signing key").And.Contain("keys rotate --revoke-previous"));
    }

    [Test]
    public async Task InDevelopmentWithoutASecret_ARestartReplacesTheKeysItCannotDecrypt_InsteadOfRefusingToStart()
    {
        var development = new Dictionary<string, string?> { ["environment"] = "Development", ["Jwt:Secret"] = "" };
        using var firstRun = new App(development);
        var (_, _, firstToken) = await firstRun.NewTokenAsync();

        // The next run makes up another secret, which cannot open the first run's key.
        using var nextRun = new App(development, firstRun.Factory.Database);
        var (_, _, nextToken) = await nextRun.NewTokenAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(KidOf(nextToken), Is.Not.EqualTo(KidOf(firstToken)));
            Assert.That(await nextRun.PublishedKidsAsync(), Is.EqualTo(new[] { KidOf(nextToken) }));
            Assert.That(await nextRun.ProfileStatusAsync(firstToken), Is.EqualTo(401), "tokens die with the run, as before");
            Assert.That(await nextRun.ProfileStatusAsync(nextToken), Is.EqualTo(200));
        });
    }

    [Test]
    public async Task WithJwtSigningKeyPath_TheOperatorsKeySigns_AndNothingIsGenerated()
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(Path.GetTempPath(), $"auth-key-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, rsa.ExportPkcs8PrivateKeyPem());
        try
        {
            using var app = new App(new() { ["Jwt:SigningKeyPath"] = path });
            var (_, _, token) = await app.NewTokenAsync();
            var expectedKid = SigningKeyMaterial.Kid(rsa);
            Assert.Multiple(async () =>
            {
                Assert.That(KidOf(token), Is.EqualTo(expectedKid));
                Assert.That(await app.PublishedKidsAsync(), Is.EqualTo(new[] { expectedKid }));
                Assert.That(await app.ProfileStatusAsync(token), Is.EqualTo(200));
                Assert.That(await app.Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM signing_keys"), Is.EqualTo(0));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AnEs256SigningKeyPathHoldingAnRsaKey_StopsStartUp_NamingTheKey()
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(Path.GetTempPath(), $"auth-key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        try
        {
            using var factory = new AuthApiFactory();
            factory.Settings["Jwt:Algorithm"] = "ES256";
            factory.Settings["Jwt:SigningKeyPath"] = path;
            var failure = Assert.Catch(() => factory.CreateClient());
            Assert.That(failure!.ToString(), Does.Contain("Jwt:SigningKeyPath"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
