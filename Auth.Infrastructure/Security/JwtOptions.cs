using System.Text;
using Microsoft.Extensions.Options;

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

public sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions o)
    {
        var failures = new List<string>();
        if (Encoding.UTF8.GetByteCount(o.Secret ?? "") < JwtOptions.MinSecretBytes)
            failures.Add($"Jwt:Secret must be set to a secret of at least {JwtOptions.MinSecretBytes} bytes " +
                         "(e.g. the environment variable Jwt__Secret); the service will not start without one outside Development.");
        if (o.PreviousSecrets.Any(s => Encoding.UTF8.GetByteCount(s ?? "") < JwtOptions.MinSecretBytes))
            failures.Add($"Every Jwt:PreviousSecrets entry must be at least {JwtOptions.MinSecretBytes} bytes.");
        if (string.IsNullOrWhiteSpace(o.Issuer)) failures.Add("Jwt:Issuer must not be empty.");
        if (string.IsNullOrWhiteSpace(o.Audience)) failures.Add("Jwt:Audience must not be empty.");
        if (o.AccessTokenMinutes is <= 0 or > 24 * 60) failures.Add("Jwt:AccessTokenMinutes must be between 0 and 1440.");
        if (o.ClockSkewSeconds is < 0 or > 300) failures.Add("Jwt:ClockSkewSeconds must be between 0 and 300.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
