using System.Text.RegularExpressions;

namespace Auth.Core.Users;

/// <summary>The username rules: 3 to 32 characters of [A-Za-z0-9._-], unique case-insensitively.</summary>
public static partial class Usernames
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    [GeneratedRegex("^[A-Za-z0-9._-]{3,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static readonly string InvalidMessage =
        $"Username must be {MinLength} to {MaxLength} characters of letters, digits, '.', '_' or '-'.";

    public static bool IsValid(string? username) => username is not null && Pattern().IsMatch(username);

    /// <summary>Usernames are ASCII, so upper-casing them invariantly is a complete case fold.</summary>
    public static string Normalize(string username) => username.Trim().ToUpperInvariant();
}
