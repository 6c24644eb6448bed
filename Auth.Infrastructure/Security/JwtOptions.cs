namespace Auth.Infrastructure.Security;

/// <summary>Configuration section <c>Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";
    public const int MinSecretBytes = 32;

    /// <summary>The HS256 signing secret, at least 32 bytes. Never in the repository: environment or secret store.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Secrets rotated out: tokens they signed still validate until they expire; nothing new is signed with them.</summary>
    public string[] PreviousSecrets { get; set; } = [];

    public string Issuer { get; set; } = "auth";
    public string Audience { get; set; } = "auth-clients";
    public double AccessTokenMinutes { get; set; } = 30;

    /// <summary>Allowed clock difference between servers when checking exp and nbf.</summary>
    public double ClockSkewSeconds { get; set; } = 30;
}
