using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Auth.Infrastructure.Security;

/// <summary>
/// bcrypt in the system's libxcrypt (<c>libcrypt.so.1</c>, on every Debian/Ubuntu system and in the aspnet image),
/// about a fifth faster than the managed engine (decision 0014). Uses only the re-entrant <c>crypt_rn</c> with a buffer
/// of its own per call, and <c>crypt_gensalt_rn</c> fed with salt bytes from RandomNumberGenerator: the library's own
/// random source is never used.
/// </summary>
public sealed partial class LibxcryptBcryptEngine : IBcryptEngine
{
    private const string Library = "libcrypt.so.1";

    // sizeof(struct crypt_data) in libxcrypt's crypt.h; `output` is its first member.
    private const int CryptDataSize = 32768;
    private const int OutputSize = 384;
    private const int GensaltOutputSize = 192;

    public string Name => "libxcrypt";

    public string Hash(string password, int cost)
    {
        Span<byte> salt = stackalloc byte[BcryptHashes.SaltBytes];
        RandomNumberGenerator.Fill(salt);
        var setting = new byte[GensaltOutputSize];
        if (crypt_gensalt_rn("$2b$\0"u8, new CULong((uint)cost), salt, salt.Length, setting, setting.Length) == 0)
            throw new CryptographicException($"crypt_gensalt_rn refused prefix $2b$ with cost {cost} (errno {Marshal.GetLastPInvokeError()}).");
        // A failure token ("*0"/"*1") instead of a hash on a setting we just made is a fault, never a result.
        return Crypt(password, setting) ?? throw new CryptographicException(
            $"libxcrypt's crypt_rn failed to hash with a setting it generated (errno {Marshal.GetLastPInvokeError()}).");
    }

    public bool Matches(string hash, string password)
    {
        var setting = new byte[hash.Length + 1];
        Encoding.ASCII.GetBytes(hash, setting);
        // A failure token means the library refused this stored hash: for a login that is simply a failed check.
        var computed = Crypt(password, setting);
        return computed is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(hash));
    }

    /// <summary>crypt_rn on NUL-terminated inputs; null when it answered with a failure token or NULL.</summary>
    private static string? Crypt(string password, byte[] nulTerminatedSetting)
    {
        // bcrypt reads at most 72 bytes (BCrypt.Net-Next reads no further either); cutting there also keeps long inputs
        // under libxcrypt's 512-byte passphrase limit, so both engines agree on every length.
        var utf8 = Encoding.UTF8.GetBytes(password);
        var phrase = new byte[Math.Min(utf8.Length, BcryptHashes.MaxPasswordBytes) + 1];
        utf8.AsSpan(0, phrase.Length - 1).CopyTo(phrase);
        var data = new byte[CryptDataSize];
        try
        {
            if (crypt_rn(phrase, nulTerminatedSetting, data, data.Length) == 0)
                return null;
            var length = data.AsSpan(0, OutputSize).IndexOf((byte)0);
            if (length <= 0 || data[0] == (byte)'*')
                return null;
            return Encoding.ASCII.GetString(data, 0, length);
        }
        finally
        {
            // The buffer held the password and the key schedule derived from it.
            CryptographicOperations.ZeroMemory(data);
            CryptographicOperations.ZeroMemory(phrase);
            CryptographicOperations.ZeroMemory(utf8);
        }
    }

    // The returned pointer points into `data` (or is NULL); it is only compared with zero, never dereferenced after
    // the call, because the managed buffer is unpinned once the call returns. Output is read from `data` itself.
    [LibraryImport(Library, SetLastError = true)]
    private static partial nint crypt_rn(ReadOnlySpan<byte> phrase, ReadOnlySpan<byte> setting, Span<byte> data, int size);

    [LibraryImport(Library, SetLastError = true)]
    private static partial nint crypt_gensalt_rn(
        ReadOnlySpan<byte> prefix, CULong count, ReadOnlySpan<byte> rbytes, int nrbytes, Span<byte> output, int outputSize);
}
