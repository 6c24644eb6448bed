namespace Auth.Infrastructure.Security;

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
