using Microsoft.Extensions.Options;

namespace Auth.Core.Options;

public sealed class PasswordResetOptionsValidator : IValidateOptions<PasswordResetOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordResetOptions o) =>
        o.CodeMinutes is >= 1 and <= 7 * 24 * 60
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("PasswordReset:CodeMinutes must be between 1 and 10080 (a week).");
}
