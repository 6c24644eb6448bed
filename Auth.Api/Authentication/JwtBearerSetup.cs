using Auth.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Authentication;

/// <summary>
/// The bearer scheme's options: claims keep their names (<c>sub</c>, <c>role</c>), tokens are judged by
/// <see cref="ValidationParameters"/>, and <see cref="JwtEvents"/> reads and follows them up.
/// </summary>
public sealed class JwtBearerSetup(IOptions<JwtOptions> jwt, SigningKeyRing ring, TimeProvider clock) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions bearer)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
            return;
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = ValidationParameters(jwt.Value, ring, clock);
        bearer.EventsType = typeof(JwtEvents);
    }

    public void Configure(JwtBearerOptions bearer) => Configure(Options.DefaultName, bearer);

    /// <summary>Headers that would let a token name or carry its own key: a token that has one is refused, whatever it names.</summary>
    private static readonly string[] KeyCarryingHeaders = ["jku", "x5u", "jwk", "x5c"];

    /// <summary>
    /// What a token must be to be accepted: the configured algorithm only (Jwt:Algorithm), our issuer and audience, exp
    /// required, and its lifetime checked against the injected clock. Under RS256/ES256 its kid must name one of our
    /// published keys (never a URL or key of its own); under HS256 it is judged by Jwt:Secret and Jwt:PreviousSecrets
    /// whatever its kid says, as tokens from before kids were written have none.
    /// </summary>
    public static TokenValidationParameters ValidationParameters(JwtOptions o, SigningKeyRing ring, TimeProvider clock)
    {
        var secrets = JwtKeys.Validating(o);
        var skew = TimeSpan.FromSeconds(o.ClockSkewSeconds);
        return new TokenValidationParameters
        {
            // One algorithm: an HS256 token "signed" with our public key as its HMAC secret meets no HMAC key here.
            ValidAlgorithms = [o.Algorithm],
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, token, kid, _) =>
                CarriesItsOwnKey(token) ? [] : o.IsAsymmetric ? ring.ValidationKeys(kid) : secrets,
            RequireSignedTokens = true,
            ValidIssuer = o.Issuer,
            ValidateIssuer = true,
            ValidAudience = o.Audience,
            ValidateAudience = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = skew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } exp && exp.ToUniversalTime() > now - skew
                    && notBefore is { } nbf && nbf.ToUniversalTime() <= now + skew;
            },
            NameClaimType = JwtRegisteredClaimNames.UniqueName,
            RoleClaimType = "role",
        };
    }

    private static bool CarriesItsOwnKey(SecurityToken token) =>
        token is JsonWebToken jwt && KeyCarryingHeaders.Any(h => jwt.TryGetHeaderValue<object>(h, out _));
}
