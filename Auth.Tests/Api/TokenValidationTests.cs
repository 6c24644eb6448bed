using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Auth.Infrastructure.Security;
using Auth.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Api;

/// <summary>
/// Tokens the service must refuse, each answered 401 on a user-level endpoint, in each signing mode (Jwt:Algorithm).
/// "Our key" is the key the app signs with: Jwt:Secret under HS256, the active managed key under RS256 and ES256.
/// </summary>
[TestFixture("RS256")]
[TestFixture("ES256")]
[TestFixture("HS256")]
public sealed class TokenValidationTests(string algorithm) : ApiTestBase
{
    private long _userId;
    private string _username = "";
    private string _sessionId = "";

    protected override void Configure(AuthApiFactory factory) => factory.Settings["Jwt:Algorithm"] = algorithm;

    [OneTimeSetUp]
    public async Task CreateUser()
    {
        var user = await NewSignedInUserAsync();
        (_username, _userId, _sessionId) = (user.Username, user.Id, SessionIdOf(user.Token));
    }

    private bool IsHs256 => algorithm == "HS256";

    /// <summary>The key the app signs with, under the kid it publishes.</summary>
    private SecurityKey OurKey() => IsHs256
        ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AuthApiFactory.TestSecret)) { KeyId = JwtKeys.Kid(AuthApiFactory.TestSecret) }
        : Factory.Services.GetRequiredService<SigningKeyRing>().Current.Signing!.Key;

    /// <summary>Our key's material under another kid (or none).</summary>
    private SecurityKey OurKeyNamed(string? kid) => OurKey() switch
    {
        SymmetricSecurityKey s => new SymmetricSecurityKey(s.Key) { KeyId = kid },
        RsaSecurityKey r => new RsaSecurityKey(r.Rsa) { KeyId = kid },
        ECDsaSecurityKey e => new ECDsaSecurityKey(e.ECDsa) { KeyId = kid },
        var other => throw new InvalidOperationException(other.GetType().Name),
    };

    /// <summary>A key of the same kind that is not ours, carrying our kid (or the given one).</summary>
    private SecurityKey ImpostorKey(string? kid = null) => algorithm switch
    {
        "HS256" => new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-secret-of-at-least-32-bytes-long!!")) { KeyId = kid ?? OurKey().KeyId },
        "RS256" => new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid ?? OurKey().KeyId },
        _ => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid ?? OurKey().KeyId },
    };

    private string Forge(SecurityKey? key = null, string issuer = "auth", string audience = "auth-clients",
        DateTime? notBefore = null, DateTime? expires = null, bool withExpiry = true,
        IDictionary<string, object>? header = null, string? subject = null, bool withSession = true)
    {
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(new[] { new Claim("sub", subject ?? _userId.ToString()), new Claim("unique_name", _username), new Claim("role", "admin") }
                .Concat(withSession ? [new Claim("sid", _sessionId)] : [])),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = notBefore ?? now,
            Expires = withExpiry ? expires ?? now.AddMinutes(30) : null,
            SigningCredentials = new SigningCredentials(key ?? OurKey(), algorithm),
            AdditionalHeaderClaims = header,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    [Test]
    public async Task AForgedTokenWithTheRightKey_IsAccepted_SoTheRefusalsBelowAreAboutTheirOneDifference()
    {
        await (await GetAsync("/api/profile", Forge())).JsonAsync(200);
    }

    [Test]
    public async Task TokenWithoutASession_Returns401() =>
        // Tokens from before sessions existed name none; they could never be ended, so they are not accepted.
        await (await GetAsync("/api/profile", Forge(withSession: false))).AssertProblemAsync(401);

    [Test]
    public async Task TokenNamingSomeoneElsesSession_Returns401()
    {
        var other = await NewSignedInUserAsync();
        var otherSession = SessionIdOf(other.Token);
        var saved = _sessionId;
        _sessionId = otherSession;
        try
        {
            await (await GetAsync("/api/profile", Forge())).AssertProblemAsync(401);
        }
        finally
        {
            _sessionId = saved;
        }
    }

    [Test]
    public async Task AnIssuedToken_IsSignedWithTheConfiguredAlgorithm_AndNamesOurKey()
    {
        var (_, _, token) = await NewSignedInUserAsync();
        var jwt = new JsonWebToken(token);
        Assert.Multiple(() =>
        {
            Assert.That(jwt.Alg, Is.EqualTo(algorithm));
            Assert.That(jwt.Kid, Is.EqualTo(OurKey().KeyId).And.Not.Empty);
        });
        await (await GetAsync("/api/profile", token)).JsonAsync(200);
    }

    [Test]
    public async Task TokenSignedWithAnotherKey_CarryingOurKid_Returns401() =>
        await (await GetAsync("/api/profile", Forge(ImpostorKey()))).AssertProblemAsync(401);

    [Test]
    public async Task TokenWithAlgNone_Returns401()
    {
        var valid = Forge().Split('.');
        var header = Base64UrlEncoder.Encode($"{{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"{OurKey().KeyId}\"}}");
        await (await GetAsync("/api/profile", $"{header}.{valid[1]}.")).AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenResignedByOurKeyWithAnotherAlgorithmOfItsFamily_Returns401()
    {
        // Same key, same claims, a genuine signature: only the algorithm differs, and validation pins the configured one.
        var parts = Forge().Split('.');
        var (other, sign) = OurKey() switch
        {
            SymmetricSecurityKey s => ("HS512", (Func<byte[], byte[]>)(data => HMACSHA512.HashData(s.Key, data))),
            RsaSecurityKey r => ("RS512", data => r.Rsa.SignData(data, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1)),
            ECDsaSecurityKey e => ("ES384", data => e.ECDsa.SignData(data, HashAlgorithmName.SHA384)),
            var key => throw new InvalidOperationException(key.GetType().Name),
        };
        var header = Base64UrlEncoder.Encode($"{{\"alg\":\"{other}\",\"typ\":\"JWT\",\"kid\":\"{OurKey().KeyId}\"}}");
        var signature = sign(Encoding.ASCII.GetBytes($"{header}.{parts[1]}"));
        await (await GetAsync("/api/profile", $"{header}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}")).AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenWithATamperedPayload_Returns401()
    {
        var parts = Forge().Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"role\":\"admin\"", "\"role\":\"root\"");
        await (await GetAsync("/api/profile", $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}")).AssertProblemAsync(401);
    }

    [Test]
    public async Task ExpiredToken_Returns401()
    {
        var (_, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/profile", token)).JsonAsync(200);

        Factory.Clock.Advance(TimeSpan.FromMinutes(31));

        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenWithoutExp_Returns401() =>
        await (await GetAsync("/api/profile", Forge(withExpiry: false))).AssertProblemAsync(401);

    [Test]
    public async Task TokenNotValidYet_Returns401()
    {
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        await (await GetAsync("/api/profile", Forge(notBefore: now.AddMinutes(5), expires: now.AddMinutes(30)))).AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenWithWrongIssuer_Returns401() =>
        await (await GetAsync("/api/profile", Forge(issuer: "someone-else"))).AssertProblemAsync(401);

    [Test]
    public async Task TokenWithWrongAudience_Returns401() =>
        await (await GetAsync("/api/profile", Forge(audience: "another-app"))).AssertProblemAsync(401);

    [TestCase("jku", "http://127.0.0.1:1/keys")]
    [TestCase("x5u", "http://127.0.0.1:1/cert")]
    public async Task TokenSignedWithOurKey_NamingAKeyUrl_Returns401(string header, string url) =>
        await (await GetAsync("/api/profile", Forge(header: new Dictionary<string, object> { [header] = url }))).AssertProblemAsync(401);

    [Test]
    public async Task TokenSignedWithOurKey_CarryingAJwkHeader_Returns401()
    {
        var jwk = new Dictionary<string, object> { ["kty"] = "oct", ["k"] = Base64UrlEncoder.Encode("attacker-controlled-secret-32-bytes-long!!") };
        await (await GetAsync("/api/profile", Forge(header: new Dictionary<string, object> { ["jwk"] = jwk }))).AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenWithAHostileKidSignedWithAnotherKey_Returns401() =>
        await (await GetAsync("/api/profile", Forge(ImpostorKey(kid: "../../dev/null")))).AssertProblemAsync(401);

    [Test]
    public async Task TokenWithAnUnknownKidButOurKey_IsRefusedUnderRsAndEs_AndJudgedByTheSecretUnderHs256()
    {
        // Under HS256 the kid is not consulted (tokens from before kids were written have none); under RS256/ES256 the
        // kid must name one of our published keys, whatever key material the token was signed with.
        var response = await GetAsync("/api/profile", Forge(OurKeyNamed("no-such-key")));
        if (IsHs256)
            await response.JsonAsync(200);
        else
            await response.AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenWithoutAKidButOurKey_IsRefusedUnderRsAndEs_AndAcceptedUnderHs256()
    {
        var response = await GetAsync("/api/profile", Forge(OurKeyNamed(null)));
        if (IsHs256)
            await response.JsonAsync(200);
        else
            await response.AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenSignedWithTheAttackersRsaKey_CarryingItsCertificateInX5cAndJwk_Returns401()
    {
        using var rsa = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=auth", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var parameters = rsa.ExportParameters(false);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", _userId.ToString()), new Claim("unique_name", _username), new Claim("role", "admin")]),
            Issuer = "auth", Audience = "auth-clients", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = OurKey().KeyId }, SecurityAlgorithms.RsaSha256),
            AdditionalHeaderClaims = new Dictionary<string, object>
            {
                ["x5c"] = new[] { Convert.ToBase64String(certificate.RawData) },
                ["jwk"] = new Dictionary<string, object>
                {
                    ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
                },
            },
        });
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenForAUserIdThatDoesNotExist_Returns401() =>
        await (await GetAsync("/api/profile", Forge(subject: "999999"))).AssertProblemAsync(401);

    [TestCase("Bearer")]
    [TestCase("JWT")]
    public async Task AnIssuedToken_WorksUnderBothSchemes(string scheme)
    {
        var (_, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/profile", token, scheme)).JsonAsync(200);
    }
}
