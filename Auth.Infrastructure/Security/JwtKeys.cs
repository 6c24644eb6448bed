using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>
/// The HS256 keys, made from configuration in this one place so that issuing (JwtTokenIssuer) and validating
/// (Auth.Api's JwtBearerSetup) cannot derive them differently.
/// </summary>
public static class JwtKeys
{
    public static SymmetricSecurityKey Current(JwtOptions o) => new(Encoding.UTF8.GetBytes(o.Secret));

    /// <summary>The current key first, then rotated-out keys that still validate.</summary>
    public static IReadOnlyList<SecurityKey> Validating(JwtOptions o) =>
        [Current(o), .. o.PreviousSecrets.Select(s => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(s)))];
}
