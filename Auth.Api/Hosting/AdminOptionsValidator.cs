using Auth.Core.Users;
using Microsoft.Extensions.Options;

namespace Auth.Api.Hosting;

/// <summary>A half-set pair, an invalid name or a password signup would refuse stops start-up.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions o)
    {
        if (!o.IsSet)
            return ValidateOptionsResult.Success;
        if (string.IsNullOrEmpty(o.Username) || string.IsNullOrEmpty(o.Password))
            return ValidateOptionsResult.Fail("Admin:Username and Admin:Password must be set together (or neither).");
        var failures = new List<string>();
        if (!Usernames.IsValid(o.Username))
            failures.Add($"Admin:Username: {Usernames.InvalidMessage}");
        if (Passwords.Problem(o.Password) is { } problem)
            failures.Add($"Admin:Password: {problem}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
