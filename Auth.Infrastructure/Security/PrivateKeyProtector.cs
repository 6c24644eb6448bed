using System.Security.Cryptography;
using System.Text;

namespace Auth.Infrastructure.Security;

/// <summary>
/// Seals a private key for the signing_keys table with AES-256-GCM, under a key derived (HKDF-SHA256) from
/// Jwt:Secret, which never reaches the database: a copy of the database alone signs nothing. The kid is the
/// associated data, so a sealed key moved onto another row does not open.
/// </summary>
public sealed class PrivateKeyProtector
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    // Versioned, so the derivation can change without guessing which one sealed a row.
    private static readonly byte[] Purpose = "auth signing_keys.encrypted_private_key v1"u8.ToArray();

    private readonly byte[] _key;

    public PrivateKeyProtector(string secret) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Purpose);

    /// <summary>base64(nonce | ciphertext | tag).</summary>
    public string Seal(byte[] pkcs8, string kid)
    {
        var sealedKey = new byte[NonceBytes + pkcs8.Length + TagBytes];
        var nonce = sealedKey.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, pkcs8, sealedKey.AsSpan(NonceBytes, pkcs8.Length), sealedKey.AsSpan(NonceBytes + pkcs8.Length), Encoding.UTF8.GetBytes(kid));
        return Convert.ToBase64String(sealedKey);
    }

    /// <summary>The PKCS#8 key, or null when this secret did not seal it (another or an ephemeral Jwt:Secret).</summary>
    public byte[]? TryOpen(string sealedBase64, string kid)
    {
        byte[] sealedKey;
        try { sealedKey = Convert.FromBase64String(sealedBase64); }
        catch (FormatException) { return null; }
        if (sealedKey.Length < NonceBytes + TagBytes)
            return null;
        var length = sealedKey.Length - NonceBytes - TagBytes;
        var pkcs8 = new byte[length];
        using var aes = new AesGcm(_key, TagBytes);
        try
        {
            aes.Decrypt(sealedKey.AsSpan(0, NonceBytes), sealedKey.AsSpan(NonceBytes, length), sealedKey.AsSpan(NonceBytes + length), pkcs8, Encoding.UTF8.GetBytes(kid));
            return pkcs8;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
