using Auth.Api.Contracts;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class AuthenticateRequestValidator : AbstractValidator<AuthenticateRequest>
{
    public AuthenticateRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().WithMessage("Username is required.");
        // Not NotEmpty(): that also refuses all-blank passwords, which signup accepts (a password of 8 spaces is legal).
        RuleFor(r => r.Password).Must(p => !string.IsNullOrEmpty(p)).WithMessage("Password is required.");
    }
}
