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
