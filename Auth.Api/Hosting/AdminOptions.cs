namespace Auth.Api.Hosting;

/// <summary>
/// Configuration section <c>Admin</c>: the first admin, made at start-up while no admin exists (see
/// <see cref="FirstAdminFromConfiguration"/>). Both or neither.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Username { get; set; }

    /// <summary>From the environment or a secret store, never the repository.</summary>
    public string? Password { get; set; }

    public bool IsSet => !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password);
}
