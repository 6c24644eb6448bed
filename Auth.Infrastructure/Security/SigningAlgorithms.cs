using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>The values of Jwt:Algorithm, spelt as in a JWT's <c>alg</c> header.</summary>
public static class SigningAlgorithms
{
    public const string Rs256 = SecurityAlgorithms.RsaSha256;
    public const string Es256 = SecurityAlgorithms.EcdsaSha256;
    public const string Hs256 = SecurityAlgorithms.HmacSha256;

    public static readonly string[] All = [Rs256, Es256, Hs256];

    public static bool IsAsymmetric(string algorithm) => algorithm is Rs256 or Es256;
}
