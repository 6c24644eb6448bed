using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Auth.Infrastructure.Security;
using Auth.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Api;

/// <summary>What only RS256 and ES256 have: a published key that matches the tokens, and no way to turn it into an HMAC secret.</summary>
[TestFixture("RS256")]
[TestFixture("ES256")]
public sealed class AsymmetricTokenTests(string algorithm) : ApiTestBase
{
    protected override void Configure(AuthApiFactory factory) => factory.Settings["Jwt:Algorithm"] = algorithm;

    [Test]
    public async Task AnIssuedTokensKid_IsAKeyInTheJwks_ThatVerifiesIt()
    {
        var (_, _, token) = await NewSignedInUserAsync();
        var jwks = await (await Client.GetAsync("/.well-known/jwks.json")).JsonAsync(200);
        var set = new JsonWebKeySet(jwks.GetRawText());
        var kid = new JsonWebToken(token).Kid;

        var key = set.Keys.SingleOrDefault(k => k.Kid == kid);
        Assert.That(key, Is.Not.Null, $"kid {kid} is not in {jwks}");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key, ValidAlgorithms = [algorithm], ValidIssuer = "auth", ValidAudience = "auth-clients",
            LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
    }

    [Test]
    public async Task AnHs256TokenWhoseHmacKeyIsOurPublicKey_Returns401()
    {
        // The classic confusion: the public key (as PEM, and as the JWKS's bytes) used as an HMAC secret.
        var (username, id, token) = await NewSignedInUserAsync();
        var ring = Factory.Services.GetRequiredService<SigningKeyRing>();
        var kid = new JsonWebToken(token).Kid;
        var publicKey = (AsymmetricSecurityKey)ring.Current.Accepted[kid];
        var pem = publicKey switch
        {
            RsaSecurityKey r => r.Rsa.ExportSubjectPublicKeyInfoPem(),
            ECDsaSecurityKey e => e.ECDsa.ExportSubjectPublicKeyInfoPem(),
            _ => throw new InvalidOperationException(),
        };
        var jwks = (await (await Client.GetAsync("/.well-known/jwks.json")).JsonAsync(200)).GetRawText();
        foreach (var secret in new[] { Encoding.UTF8.GetBytes(pem), Encoding.UTF8.GetBytes(jwks) })
        {
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            var forged = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                // Everything but the signature as in the real token (its live session included), so only the key is wrong.
                Subject = new ClaimsIdentity([new Claim("sub", id.ToString()), new Claim("unique_name", username),
                    new Claim("sid", new JsonWebToken(token).GetClaim("sid").Value)]),
                Issuer = "auth", Audience = "auth-clients", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(30),
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = kid }, SecurityAlgorithms.HmacSha256),
            });
            await (await GetAsync("/api/profile", forged)).AssertProblemAsync(401);
        }
    }

    [Test]
    public async Task TheJwks_PublishesOnlyPublicMembers()
    {
        var jwks = await (await Client.GetAsync("/.well-known/jwks.json")).JsonAsync(200);
        foreach (var key in jwks.GetProperty("keys").EnumerateArray())
        {
            var members = key.EnumerateObject().Select(p => p.Name).ToList();
            Assert.That(members, Has.None.AnyOf("d", "p", "q", "dp", "dq", "qi", "k"), key.GetRawText());
            Assert.That(key.GetProperty("use").GetString(), Is.EqualTo("sig"));
            Assert.That(key.GetProperty("alg").GetString(), Is.EqualTo(algorithm));
            Assert.That(members, algorithm == "RS256" ? Is.SupersetOf(new[] { "kty", "kid", "n", "e" }) : Is.SupersetOf(new[] { "kty", "kid", "crv", "x", "y" }));
        }
    }
}
