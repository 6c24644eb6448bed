using System.Security.Cryptography;
using System.Text;
using Auth.Core.Abstractions;
using Auth.Core.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>Issues HS256 JWTs with sub, unique_name, role, jti, iat, nbf, exp, iss and aud.</summary>
public sealed class JwtTokenIssuer(IOptions<JwtOptions> options, TimeProvider clock) : ITokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials =
        new(JwtKeys.Current(options.Value), SecurityAlgorithms.HmacSha256);
    private readonly JwtOptions _options = options.Value;

    public AccessToken Issue(User user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(_options.AccessTokenMinutes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [JwtRegisteredClaimNames.UniqueName] = user.Username,
                ["role"] = user.Role.ToName(),
                [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            },
        });
        return new AccessToken(token, (int)lifetime.TotalSeconds);
    }
}

/// <summary>The signing keys, built from configuration once.</summary>
public static class JwtKeys
{
    public static SymmetricSecurityKey Current(JwtOptions o) => new(Encoding.UTF8.GetBytes(o.Secret));

    /// <summary>The current key first, then rotated-out keys that still validate.</summary>
    public static IReadOnlyList<SecurityKey> Validating(JwtOptions o) =>
        [Current(o), .. o.PreviousSecrets.Select(s => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(s)))];

    /// <summary>
    /// What a token must be to be accepted: HS256 only, our issuer and audience, exp required, and lifetime checked
    /// against the injected clock. Key-selecting headers (kid, jku, x5u) are never consulted.
    /// </summary>
    public static TokenValidationParameters ValidationParameters(JwtOptions o, TimeProvider clock)
    {
        var keys = Validating(o);
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
