using System.Security.Claims;
using System.Text;
using Auth.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Api;

/// <summary>Tokens the service must refuse, each answered 401 on a user-level endpoint.</summary>
public sealed class TokenValidationTests : ApiTestBase
{
    private long _userId;
    private string _username = "";
    private string _sessionId = "";

    [OneTimeSetUp]
    public async Task CreateUser()
    {
        var user = await NewSignedInUserAsync();
        (_username, _userId, _sessionId) = (user.Username, user.Id, SessionIdOf(user.Token));
    }

    private string Forge(string secret = AuthApiFactory.TestSecret, string algorithm = SecurityAlgorithms.HmacSha256,
        string issuer = "auth", string audience = "auth-clients", DateTime? notBefore = null, DateTime? expires = null,
        bool withExpiry = true, IDictionary<string, object>? header = null, string? kid = null, bool withSession = true)
    {
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(new[] { new Claim("sub", _userId.ToString()), new Claim("unique_name", _username), new Claim("role", "admin") }
                .Concat(withSession ? [new Claim("sid", _sessionId)] : [])),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = notBefore ?? now,
            Expires = withExpiry ? expires ?? now.AddMinutes(30) : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = kid }, algorithm),
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
    public async Task TokenSignedWithAnotherKey_Returns401() =>
        await (await GetAsync("/api/profile", Forge(secret: "another-secret-of-at-least-32-bytes-long!!"))).AssertProblemAsync(401);

    [Test]
    public async Task TokenWithAlgNone_Returns401()
    {
        var valid = Forge().Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        await (await GetAsync("/api/profile", $"{header}.{valid[1]}.")).AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenResignedWithHs512UsingOurSecret_Returns401()
    {
        // Same secret, same claims, only the algorithm differs: validation pins HS256.
        var parts = Forge().Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
        var signature = System.Security.Cryptography.HMACSHA512.HashData(
            Encoding.UTF8.GetBytes(AuthApiFactory.TestSecret), Encoding.ASCII.GetBytes($"{header}.{parts[1]}"));
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

    [Test]
    public async Task TokenWithAHostileKidSignedWithAnotherKey_Returns401() =>
        await (await GetAsync("/api/profile", Forge(secret: "attacker-controlled-secret-32-bytes-long!!",
            kid: "../../dev/null", header: new Dictionary<string, object> { ["jku"] = "http://127.0.0.1:1/keys", ["x5u"] = "http://127.0.0.1:1/cert" }))).AssertProblemAsync(401);

    [Test]
    public async Task TokenWithAHostileKidButOurKey_IsStillJudgedOnlyByOurKey() =>
        await (await GetAsync("/api/profile", Forge(kid: "no-such-key", header: new Dictionary<string, object> { ["jku"] = "http://127.0.0.1:1/keys" }))).JsonAsync(200);

    [Test]
    public async Task TokenCarryingItsOwnSymmetricKeyInAJwkHeader_Returns401()
    {
        const string attackerSecret = "attacker-controlled-secret-32-bytes-long!!";
        var jwk = new Dictionary<string, object> { ["kty"] = "oct", ["k"] = Base64UrlEncoder.Encode(attackerSecret) };
        await (await GetAsync("/api/profile", Forge(secret: attackerSecret, header: new Dictionary<string, object> { ["jwk"] = jwk })))
            .AssertProblemAsync(401);
    }

    [Test]
    public async Task TokenSignedWithTheAttackersRsaKey_CarryingItsCertificateInX5cAndJwk_Returns401()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=auth", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var parameters = rsa.ExportParameters(false);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", _userId.ToString()), new Claim("unique_name", _username), new Claim("role", "admin")]),
            Issuer = "auth", Audience = "auth-clients", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
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
    public async Task TokenForAUserIdThatDoesNotExist_Returns401()
    {
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "999999")]),
            Issuer = "auth", Audience = "auth-clients", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AuthApiFactory.TestSecret)), SecurityAlgorithms.HmacSha256),
        });
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
    }
}
