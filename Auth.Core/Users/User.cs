namespace Auth.Core.Users;

/// <summary>A registered account.</summary>
public sealed class User
{
    public const int StatusReasonMaxLength = 200;

    public long Id { get; set; }

    /// <summary>The username as the user typed it.</summary>
    public string Username { get; set; } = "";

    /// <summary>The upper-cased username that the unique index is on, so "Alice" and "alice" collide.</summary>
    public string NormalizedUsername { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public Role Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public AccountStatus Status { get; set; }

    /// <summary>Why an admin disabled the account, as they wrote it.</summary>
    public string? StatusReason { get; set; }

    /// <summary>SHA-256 of the one outstanding password-reset code, if any; a new code replaces it.</summary>
    public string? ResetCodeHash { get; set; }

    public DateTimeOffset? ResetCodeExpiresAt { get; set; }
}
