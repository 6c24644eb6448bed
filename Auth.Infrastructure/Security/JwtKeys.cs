using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>
/// The HS256 keys, made from configuration in this one place so that issuing (JwtTokenIssuer) and validating
/// (Auth.Api's JwtBearerSetup) cannot derive them differently.
/// </summary>
public static class JwtKeys
{
    public static SymmetricSecurityKey Current(JwtOptions o) => new(Encoding.UTF8.GetBytes(o.Secret)) { KeyId = Kid(o.Secret) };

    /// <summary>The current key first, then rotated-out keys that still validate.</summary>
    public static IReadOnlyList<SecurityKey> Validating(JwtOptions o) =>
        [Current(o), .. o.PreviousSecrets.Select(s => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(s)) { KeyId = Kid(s) })];

    /// <summary>
    /// An HS256 token's kid: a MAC of a fixed label under the secret, so it names the secret without telling anything
    /// about it that a token's own signature does not.
    /// </summary>
    public static string Kid(string secret) =>
        "hs-" + Base64UrlEncoder.Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "auth hs256 kid"u8)[..12]);
}
