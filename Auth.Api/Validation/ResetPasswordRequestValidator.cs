using Auth.Api.Contracts;
using Auth.Core.Users;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class ResetPasswordRequestValidator : AbstractValidator<ResetPasswordRequest>
{
    public ResetPasswordRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().WithMessage("Username is required.");
        RuleFor(r => r.Code).NotEmpty().WithMessage("Code is required.");
        RuleFor(r => r.NewPassword).Must(p => Passwords.Problem(p) is null).WithMessage(r => Passwords.Problem(r.NewPassword));
    }
}
