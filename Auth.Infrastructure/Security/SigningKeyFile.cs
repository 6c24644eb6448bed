using System.Security.Cryptography;

namespace Auth.Infrastructure.Security;

/// <summary>Jwt:SigningKeyPath: an operator's own private key in a PEM file, read once at start-up.</summary>
public static class SigningKeyFile
{
    /// <summary>What is wrong with the file for the algorithm, or null when it holds a usable private key.</summary>
    public static string? Problem(string path, string algorithm)
    {
        if (!File.Exists(path))
            return $"Jwt:SigningKeyPath '{path}' does not exist.";
        try
        {
            using var key = Load(path, algorithm);
            if (key is ECDsa ec && ec.ExportParameters(false).Curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256"))
                return "Jwt:SigningKeyPath holds an EC key that is not on P-256, which ES256 needs.";
            if (key is RSA rsa && rsa.KeySize < SigningKeyMaterial.RsaBits)
                return $"Jwt:SigningKeyPath holds an RSA key of {rsa.KeySize} bits; RS256 needs at least {SigningKeyMaterial.RsaBits}.";
            return null;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            var kind = algorithm == SigningAlgorithms.Rs256 ? "RSA" : "EC P-256";
            return $"Jwt:SigningKeyPath '{path}' holds no unencrypted {kind} private key in PEM form (Jwt:Algorithm is {algorithm}).";
        }
    }

    public static AsymmetricAlgorithm Load(string path, string algorithm)
    {
        var key = SigningKeyMaterial.FromPem(algorithm, File.ReadAllText(path));
        // ImportFromPem also takes a public key; signing needs the private half.
        _ = key switch
        {
            RSA rsa => rsa.ExportParameters(true).D,
            ECDsa ec => ec.ExportParameters(true).D,
            _ => null,
        };
        return key;
    }
}
