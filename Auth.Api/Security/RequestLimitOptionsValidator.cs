using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

public sealed class RequestLimitOptionsValidator : IValidateOptions<RequestLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitOptions o) =>
        o.MaxRequestBodyBytes is >= 1024 and <= 100 * 1024 * 1024
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Limits:MaxRequestBodyBytes must be between 1024 and 104857600.");
}
