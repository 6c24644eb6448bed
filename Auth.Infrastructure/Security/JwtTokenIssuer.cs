using System.Security.Cryptography;
using Auth.Core.Abstractions;
using Auth.Core.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>
/// Issues JWTs with sub, unique_name, role, sid, jti, iat, nbf, exp, iss and aud, and a kid header: RS256/ES256 with
/// the active managed key (<see cref="SigningKeyRing"/>), or HS256 with Jwt:Secret.
/// </summary>
public sealed class JwtTokenIssuer(IOptions<JwtOptions> options, SigningKeyRing ring, TimeProvider clock) : ITokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials? _hs256 =
        options.Value.IsAsymmetric ? null : new(JwtKeys.Current(options.Value), SecurityAlgorithms.HmacSha256);
    private readonly JwtOptions _options = options.Value;

    public AccessToken Issue(User user, string sessionId)
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
            SigningCredentials = _hs256 ?? ring.SigningCredentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [JwtRegisteredClaimNames.UniqueName] = user.Username,
                ["role"] = user.Role.ToName(),
                [JwtRegisteredClaimNames.Sid] = sessionId,
                [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            },
        });
        return new AccessToken(token, (int)lifetime.TotalSeconds);
    }
}
