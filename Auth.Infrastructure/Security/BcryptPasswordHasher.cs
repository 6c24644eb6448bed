using System.Security.Cryptography;
using Auth.Core.Abstractions;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Generators;

namespace Auth.Infrastructure.Security;

/// <summary>
/// bcrypt through BouncyCastle's managed OpenBsdBCrypt. Writes <c>$2b$</c>; verifies <c>$2a$</c>/<c>$2b$</c>/<c>$2y$</c>
/// hashes, including those written by Node's bcrypt and bcryptjs.
/// </summary>
public sealed class BcryptPasswordHasher : IPasswordHasher
{
    private readonly int _cost;
    private readonly Lazy<string> _dummyHash;

    public BcryptPasswordHasher(IOptions<PasswordOptions> options)
    {
        _cost = options.Value.Cost;
        // Same cost as real hashes, so an unknown username takes as long as a wrong password.
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
    }

    public string Hash(string password) =>
        OpenBsdBCrypt.Generate("2b", password.ToCharArray(), RandomNumberGenerator.GetBytes(16), _cost);

    public PasswordVerification Verify(string? passwordHash, string password)
    {
        if (passwordHash is null || !BcryptHashes.IsWellFormed(passwordHash))
        {
            OpenBsdBCrypt.CheckPassword(_dummyHash.Value, password.ToCharArray());
            return PasswordVerification.Failed;
        }
        if (!OpenBsdBCrypt.CheckPassword(passwordHash, password.ToCharArray()))
            return PasswordVerification.Failed;
        return BcryptHashes.Cost(passwordHash) < _cost
            ? PasswordVerification.SucceededRehashNeeded
            : PasswordVerification.Succeeded;
    }
}

/// <summary>Reads the modular crypt format of a bcrypt hash: <c>$2b$10$&lt;22 salt chars&gt;&lt;31 hash chars&gt;</c>.</summary>
public static class BcryptHashes
{
    public static bool IsWellFormed(string hash) =>
        hash.Length == 60 && hash[0] == '$' && hash[1] == '2' && hash[2] is 'a' or 'b' or 'y' && hash[3] == '$'
        && char.IsAsciiDigit(hash[4]) && char.IsAsciiDigit(hash[5]) && hash[6] == '$'
        && Cost(hash) is >= 4 and <= 31;

    public static int Cost(string hash) => (hash[4] - '0') * 10 + (hash[5] - '0');
}
