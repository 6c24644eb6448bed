namespace Auth.Infrastructure.Security;

/// <summary>
/// The raw bcrypt computation, and nothing else. Policy (dummy hash for unknown users, rehash on a lower cost,
/// malformed hashes, NUL bytes) lives once in <see cref="BcryptPasswordHasher"/>, so every engine behaves the same.
/// </summary>
public interface IBcryptEngine
{
    /// <summary>Short name for logs and the benchmark ("libxcrypt", "bcrypt.net-next").</summary>
    string Name { get; }

    /// <summary>
    /// A <c>$2b$</c> hash of <paramref name="password"/> at the given cost, with a fresh 16-byte salt from
    /// <see cref="System.Security.Cryptography.RandomNumberGenerator"/>; throws on failure.
    /// </summary>
    string Hash(string password, int cost);

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="hash"/>, which the caller has already checked with
    /// <see cref="BcryptHashes.IsWellFormed"/>. Never throws for a wrong password; false when the engine refuses the hash.
    /// </summary>
    bool Matches(string hash, string password);
}

/// <summary>Reads the modular crypt format of a bcrypt hash: <c>$2b$10$&lt;22 salt chars&gt;&lt;31 hash chars&gt;</c>.</summary>
public static class BcryptHashes
{
    /// <summary>bcrypt reads at most this many bytes of the password; the rest is ignored by every implementation.</summary>
    public const int MaxPasswordBytes = 72;

    public const int SaltBytes = 16;

    public static bool IsWellFormed(string hash) =>
        hash.Length == 60 && hash[0] == '$' && hash[1] == '2' && hash[2] is 'a' or 'b' or 'y' && hash[3] == '$'
        && char.IsAsciiDigit(hash[4]) && char.IsAsciiDigit(hash[5]) && hash[6] == '$'
        && Cost(hash) is >= 4 and <= 31
        && hash.AsSpan(7).IndexOfAnyExcept(Base64Alphabet) < 0;

    public static int Cost(string hash) => (hash[4] - '0') * 10 + (hash[5] - '0');

    // bcrypt's own base64 alphabet: an engine never sees a character it would have to reject.
    private static readonly System.Buffers.SearchValues<char> Base64Alphabet =
        System.Buffers.SearchValues.Create("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}
