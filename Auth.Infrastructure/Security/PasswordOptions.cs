namespace Auth.Infrastructure.Security;

/// <summary>Configuration section <c>Password</c>.</summary>
public sealed class PasswordOptions
{
    public const string Section = "Password";

    /// <summary>bcrypt cost (log2 of the rounds), 4 to 31. Each step doubles the time of a hash.</summary>
    public int Cost { get; set; } = 10;

    /// <summary>Auto (libxcrypt when usable, else BCrypt.Net-Next), Native or Managed.</summary>
    public BcryptEngineChoice BcryptEngine { get; set; } = BcryptEngineChoice.Auto;
}
