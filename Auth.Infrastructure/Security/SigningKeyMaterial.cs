using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>
/// Key pairs for RS256 (RSA 2048) and ES256 (P-256), from System.Security.Cryptography, as the SecurityKeys the
/// JWT handlers use. The kid is the key's RFC 7638 thumbprint, so it names the key itself and not a row or a time.
/// </summary>
public static class SigningKeyMaterial
{
    public const int RsaBits = 2048;

    /// <summary>A fresh private key for the algorithm.</summary>
    public static AsymmetricAlgorithm Generate(string algorithm) => algorithm switch
    {
        SigningAlgorithms.Rs256 => RSA.Create(RsaBits),
        SigningAlgorithms.Es256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not an asymmetric signing algorithm."),
    };

    /// <summary>A private (or public-only) key from PKCS#8/SPKI bytes or PEM.</summary>
    public static AsymmetricAlgorithm FromPkcs8(string algorithm, byte[] pkcs8)
    {
        var key = Create(algorithm);
        switch (key)
        {
            case RSA rsa: rsa.ImportPkcs8PrivateKey(pkcs8, out _); break;
            case ECDsa ec: ec.ImportPkcs8PrivateKey(pkcs8, out _); break;
        }
        return key;
    }

    public static AsymmetricAlgorithm FromPem(string algorithm, string pem)
    {
        var key = Create(algorithm);
        key.ImportFromPem(pem);
        return key;
    }

    private static AsymmetricAlgorithm Create(string algorithm) => algorithm switch
    {
        SigningAlgorithms.Rs256 => RSA.Create(),
        SigningAlgorithms.Es256 => ECDsa.Create(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not an asymmetric signing algorithm."),
    };

    /// <summary>The SecurityKey for the key, with its kid set.</summary>
    public static AsymmetricSecurityKey SecurityKey(AsymmetricAlgorithm key, string kid) => key switch
    {
        RSA rsa => new RsaSecurityKey(rsa) { KeyId = kid },
        ECDsa ec => new ECDsaSecurityKey(ec) { KeyId = kid },
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.GetType().Name, "Not an RSA or ECDsa key."),
    };

    /// <summary>RFC 7638 thumbprint of the public key, base64url (43 characters).</summary>
    public static string Kid(AsymmetricAlgorithm key) =>
        Base64UrlEncoder.Encode(PublicJwk(SecurityKey(key, ""), "", "").ComputeJwkThumbprint());

    /// <summary>The public half as a JWK: kty, kid, use "sig", alg, and n/e or crv/x/y; never a private member.</summary>
    public static JsonWebKey PublicJwk(AsymmetricSecurityKey key, string kid, string algorithm)
    {
        var jwk = key switch
        {
            RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false))),
            ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(PublicOnly(ec.ECDsa))),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key.GetType().Name, "Not an RSA or ECDsa key."),
        };
        jwk.Kid = kid;
        jwk.Use = JsonWebKeyUseNames.Sig;
        jwk.Alg = algorithm;
        return jwk;
    }

    private static ECDsa PublicOnly(ECDsa key) => ECDsa.Create(key.ExportParameters(false));

    /// <summary>SubjectPublicKeyInfo PEM of the key's public half.</summary>
    public static string PublicPem(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The public key from the PEM stored in signing_keys.public_key.</summary>
    public static AsymmetricAlgorithm FromPublicPem(string algorithm, string pem) => FromPem(algorithm, pem);
}
