using Auth.Api.Contracts;
using Auth.Core.Users;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class SignUpRequestValidator : AbstractValidator<SignUpRequest>
{
    public SignUpRequestValidator()
    {
        RuleFor(r => r.Username).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Username is required.")
            .Must(Usernames.IsValid).WithMessage(Usernames.InvalidMessage);
        // The rule and its messages live in Core, where the command line uses them too.
        RuleFor(r => r.Password).Must(p => Passwords.Problem(p) is null).WithMessage(r => Passwords.Problem(r.Password));
    }
}
