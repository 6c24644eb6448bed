using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions o)
    {
        var failures = new List<string>();
        foreach (var (key, rule) in new[] { ("Authenticate", o.Authenticate), ("Signup", o.Signup), ("Refresh", o.Refresh), ("PasswordReset", o.PasswordReset) })
        {
            if (rule.PermitLimit < 1)
                failures.Add($"RateLimits:{key}:PermitLimit must be at least 1.");
            if (rule.WindowSeconds is <= 0 or > 86_400)
                failures.Add($"RateLimits:{key}:WindowSeconds must be greater than 0 and at most 86400.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
