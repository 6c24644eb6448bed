using System.Security.Claims;
using System.Text;
using Auth.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Tests.Api;

/// <summary>
/// Under HS256, rotating Jwt:Secret: the old secret moves to Jwt:PreviousSecrets, so tokens it signed keep working until they expire,
/// while every new token is signed with the new secret alone.
/// </summary>
public sealed class SecretRotationTests : ApiTestBase
{
    private const string OldSecret = AuthApiFactory.TestSecret;
    private const string NewSecret = "the-new-secret-after-rotation-0123456789abcdef";

    protected override void Configure(AuthApiFactory factory)
    {
        factory.Settings["Jwt:Algorithm"] = "HS256";
        factory.Settings["Jwt:Secret"] = NewSecret;
        factory.Settings["Jwt:PreviousSecrets:0"] = OldSecret;
    }

    private string SignedWith(string secret, long userId, string username, string sessionId)
    {
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("unique_name", username), new Claim("role", "user"), new Claim("sid", sessionId)]),
            Issuer = "auth", Audience = "auth-clients", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<bool> IsValidUnderAsync(string token, string secret)
    {
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidIssuer = "auth", ValidAudience = "auth-clients",
            LifetimeValidator = (nbf, exp, _, _) => nbf <= now && exp > now,
        });
        return result.IsValid;
    }

    [Test]
    public async Task ATokenSignedWithThePreviousSecret_StillWorks()
    {
        var user = await NewSignedInUserAsync();
        var oldToken = SignedWith(OldSecret, user.Id, user.Username, SessionIdOf(user.Token));

        var json = await (await GetAsync("/api/profile", oldToken)).JsonAsync(200);
        Assert.That(json.GetProperty("user").GetProperty("id").GetInt64(), Is.EqualTo(user.Id));
    }

    [Test]
    public async Task NewTokens_AreSignedWithTheCurrentSecretOnly()
    {
        var user = await NewSignedInUserAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await IsValidUnderAsync(user.Token, NewSecret), Is.True, "signed with Jwt:Secret");
            Assert.That(await IsValidUnderAsync(user.Token, OldSecret), Is.False, "never with a previous secret");
        });
    }

    [Test]
    public async Task RefreshedTokens_AreSignedWithTheCurrentSecretOnly()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var refresh = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;
        var token = (await (await Client.PostAsync("/api/token/refresh", System.Net.Http.Json.JsonContent.Create(new { refreshToken = refresh })))
            .JsonAsync(200)).GetProperty("token").GetString()!;

        Assert.That(await IsValidUnderAsync(token, OldSecret), Is.False);
        Assert.That(await IsValidUnderAsync(token, NewSecret), Is.True);
    }

    [Test]
    public async Task ATokenSignedWithASecretThatIsNoLongerListed_Returns401()
    {
        var user = await NewSignedInUserAsync();
        var retired = SignedWith("a-secret-retired-two-rotations-ago-0123456789", user.Id, user.Username, SessionIdOf(user.Token));
        await (await GetAsync("/api/profile", retired)).AssertProblemAsync(401);
    }
}
