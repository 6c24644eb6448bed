using System.Text;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Security;

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
        if (!SigningAlgorithms.All.Contains(o.Algorithm, StringComparer.Ordinal))
            failures.Add($"Jwt:Algorithm is '{o.Algorithm}'. Allowed values: {string.Join(", ", SigningAlgorithms.All)}.");
        if (o.KeyLifetimeDays is < 1 or > 3650) failures.Add("Jwt:KeyLifetimeDays must be between 1 and 3650.");
        if (!string.IsNullOrEmpty(o.SigningKeyPath))
        {
            if (!o.IsAsymmetric)
                failures.Add("Jwt:SigningKeyPath needs Jwt:Algorithm RS256 or ES256: an HS256 key is Jwt:Secret.");
            else if (SigningKeyFile.Problem(o.SigningKeyPath, o.Algorithm) is { } problem)
                failures.Add(problem);
        }
        if (string.IsNullOrWhiteSpace(o.Issuer)) failures.Add("Jwt:Issuer must not be empty.");
        if (string.IsNullOrWhiteSpace(o.Audience)) failures.Add("Jwt:Audience must not be empty.");
        if (o.AccessTokenMinutes is <= 0 or > 24 * 60) failures.Add("Jwt:AccessTokenMinutes must be between 0 and 1440.");
        if (o.ClockSkewSeconds is < 0 or > 300) failures.Add("Jwt:ClockSkewSeconds must be between 0 and 300.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
