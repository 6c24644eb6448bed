using Microsoft.Extensions.Options;

namespace Auth.Api.Authentication;

public sealed class AccountCacheOptionsValidator : IValidateOptions<AccountCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountCacheOptions o)
    {
        var failures = new List<string>();
        if (o.LifetimeSeconds is < 0 or > 300)
            failures.Add("AccountCache:LifetimeSeconds must be between 0 (off, the default) and 300.");
        if (o.SizeLimit is < 1 or > 1_000_000)
            failures.Add("AccountCache:SizeLimit must be between 1 and 1000000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
