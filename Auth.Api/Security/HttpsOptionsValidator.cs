using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

public sealed class HttpsOptionsValidator : IValidateOptions<HttpsOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpsOptions o)
    {
        var failures = new List<string>();
        if (o.Port is < 1 or > 65_535) failures.Add("Https:Port must be between 1 and 65535.");
        if (o.HstsMaxAgeDays is < 0 or > 3650) failures.Add("Https:HstsMaxAgeDays must be between 0 and 3650.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
