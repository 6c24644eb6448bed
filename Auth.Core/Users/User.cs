namespace Auth.Core.Users;

/// <summary>A registered account.</summary>
public sealed class User
{
    public long Id { get; set; }

    /// <summary>The username as the user typed it.</summary>
    public string Username { get; set; } = "";

    /// <summary>The upper-cased username that the unique index is on, so "Alice" and "alice" collide.</summary>
    public string NormalizedUsername { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public Role Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
