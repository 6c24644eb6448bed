using Microsoft.Extensions.Options;

namespace Auth.Core.Options;

public sealed class LockoutOptionsValidator : IValidateOptions<LockoutOptions>
{
    public ValidateOptionsResult Validate(string? name, LockoutOptions o)
    {
        var failures = new List<string>();
        if (o.MaxFailures < 1) failures.Add("Lockout:MaxFailures must be at least 1.");
        if (o.Minutes <= 0) failures.Add("Lockout:Minutes must be greater than 0.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
