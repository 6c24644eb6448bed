using System.Text;

namespace Auth.Infrastructure.Security;

/// <summary>bcrypt in managed code (BCrypt.Net-Next): works everywhere, the fallback when libxcrypt is absent.</summary>
public sealed class ManagedBcryptEngine : IBcryptEngine
{
    public string Name => "bcrypt.net-next";

    // GenerateSalt draws its 16 bytes from RandomNumberGenerator. Plain bcrypt only: enhanced entropy (SHA-384 before
    // bcrypt) writes hashes that Node's bcrypt, bcryptjs and libxcrypt cannot verify.
    public string Hash(string password, int cost) =>
        BCrypt.Net.BCrypt.HashPassword(WellFormed(password), BCrypt.Net.BCrypt.GenerateSalt(cost, 'b'), enhancedEntropy: false);

    public bool Matches(string hash, string password) =>
        BCrypt.Net.BCrypt.Verify(WellFormed(password), hash, enhancedEntropy: false);

    // The library's strict UTF-8 encoder throws on a lone surrogate; as U+FFFD it is what the libxcrypt engine hashes.
    private static string WellFormed(string password) =>
        password.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0
            ? password
            : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(password));
}
