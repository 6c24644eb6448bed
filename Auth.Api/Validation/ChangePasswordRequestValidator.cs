using Auth.Api.Contracts;
using Auth.Core.Users;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).Must(p => !string.IsNullOrEmpty(p)).WithMessage("Current password is required.");
        // The new password follows the sign-up rule.
        RuleFor(r => r.NewPassword).Must(p => Passwords.Problem(p) is null).WithMessage(r => Passwords.Problem(r.NewPassword));
    }
}
