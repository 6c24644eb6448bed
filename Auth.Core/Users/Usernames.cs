using System.Text.RegularExpressions;

namespace Auth.Core.Users;

/// <summary>The username rules: 3 to 32 characters of [A-Za-z0-9._-], unique case-insensitively.</summary>
public static partial class Usernames
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    // \z, not $: in .NET "$" also matches before a final "\n", which let "alice\n" through.
    [GeneratedRegex(@"\A[A-Za-z0-9._-]{3,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static readonly string InvalidMessage =
        $"Username must be {MinLength} to {MaxLength} characters of letters, digits, '.', '_' or '-'.";

    public static bool IsValid(string? username) => username is not null && Pattern().IsMatch(username);

    /// <summary>
    /// Usernames are ASCII, so upper-casing them invariantly is a complete case fold. Nothing is trimmed: a name with
    /// surrounding spaces or control characters breaks the rules and is refused, never repaired into a valid one.
    /// </summary>
    public static string Normalize(string username) => username.ToUpperInvariant();
}
