using System.Text;

namespace Auth.Core.Users;

/// <summary>The password rule: 8 to 72 UTF-8 bytes (bcrypt ignores every byte past the 72nd).</summary>
public static class Passwords
{
    public const int MinBytes = 8;
    public const int MaxBytes = 72;

    public const string RequiredMessage = "Password is required.";
    public static readonly string TooShortMessage = $"Password must be at least {MinBytes} bytes long.";
    public static readonly string TooLongMessage = $"Password must be at most {MaxBytes} bytes in UTF-8 (bcrypt ignores the rest).";
    public const string NulMessage = "Password must not contain NUL characters.";

    public static int ByteCount(string password) => Encoding.UTF8.GetByteCount(password);

    /// <summary>What is wrong with the password, or null when it follows the rule.</summary>
    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) ? RequiredMessage
        : ByteCount(password) < MinBytes ? TooShortMessage
        : ByteCount(password) > MaxBytes ? TooLongMessage
        // C bcrypt implementations (libxcrypt, Node's bcrypt) stop at a NUL, managed ones do not: refuse it.
        : password.Contains('\0') ? NulMessage
        : null;
}
