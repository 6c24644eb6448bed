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
public sealed class JwtBearerSetup(IOptions<JwtOptions> jwt, TimeProvider clock) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions bearer)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
            return;
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = ValidationParameters(jwt.Value, clock);
        bearer.EventsType = typeof(JwtEvents);
    }

    public void Configure(JwtBearerOptions bearer) => Configure(Options.DefaultName, bearer);

    /// <summary>
    /// What a token must be to be accepted: HS256 only, signed with Jwt:Secret or one of Jwt:PreviousSecrets, our issuer
    /// and audience, exp required, and its lifetime checked against the injected clock. Key-selecting headers (kid,
    /// jku, x5u, jwk) are never consulted.
    /// </summary>
    public static TokenValidationParameters ValidationParameters(JwtOptions o, TimeProvider clock)
    {
        var keys = JwtKeys.Validating(o);
        var skew = TimeSpan.FromSeconds(o.ClockSkewSeconds);
        return new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuerSigningKey = true,
            IssuerSigningKeyResolver = (_, _, _, _) => keys,
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
}
