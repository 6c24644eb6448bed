using System.Security.Cryptography;
using System.Text;

namespace Auth.Core.Tokens;

/// <summary>Secret values handed to clients (refresh tokens, reset codes) and the only form in which they are stored.</summary>
public static class TokenValues
{
    /// <summary>Random bytes, URL-safe base64 without padding.</summary>
    public static string New(int bytes = 32) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256, hex: a database leak does not leak usable tokens or codes.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashesEqual(string? a, string? b) =>
        a is not null && b is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>A new session id: 128 random bits, hex.</summary>
    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
