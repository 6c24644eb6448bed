using Org.BouncyCastle.Crypto.Generators;

namespace Auth.Infrastructure.Security;

/// <summary>bcrypt in managed code (BouncyCastle's OpenBsdBCrypt): works everywhere, the fallback when libxcrypt is absent.</summary>
public sealed class ManagedBcryptEngine : IBcryptEngine
{
    public string Name => "bouncycastle";

    public string Hash(string password, ReadOnlySpan<byte> salt, int cost) =>
        OpenBsdBCrypt.Generate("2b", password.ToCharArray(), salt.ToArray(), cost);

    public bool Matches(string hash, string password) => OpenBsdBCrypt.CheckPassword(hash, password.ToCharArray());
}
