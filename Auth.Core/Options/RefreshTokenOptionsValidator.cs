using Microsoft.Extensions.Options;

namespace Auth.Core.Options;

public sealed class RefreshTokenOptionsValidator : IValidateOptions<RefreshTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, RefreshTokenOptions o) =>
        o.LifetimeDays > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("RefreshTokens:LifetimeDays must be greater than 0.");
}
