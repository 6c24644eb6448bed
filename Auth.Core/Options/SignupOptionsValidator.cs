using Microsoft.Extensions.Options;

namespace Auth.Core.Options;

public sealed class SignupOptionsValidator : IValidateOptions<SignupOptions>
{
    public ValidateOptionsResult Validate(string? name, SignupOptions o) =>
        o.Mode is SignupOptions.Open or SignupOptions.Closed
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Signup:Mode must be '{SignupOptions.Open}' or '{SignupOptions.Closed}' (was '{o.Mode}').");
}
