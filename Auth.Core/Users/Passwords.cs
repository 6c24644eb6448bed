using System.Text;

namespace Auth.Core.Users;

/// <summary>The password rule: 8 to 72 UTF-8 bytes (bcrypt ignores every byte past the 72nd).</summary>
public static class Passwords
{
    public const int MinBytes = 8;
    public const int MaxBytes = 72;

    public static int ByteCount(string password) => Encoding.UTF8.GetByteCount(password);
}
