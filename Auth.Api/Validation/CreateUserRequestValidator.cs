using Auth.Api.Contracts;
using Auth.Core.Users;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class CreateUserRequestValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserRequestValidator()
    {
        RuleFor(r => r.Username).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Username is required.")
            .Must(Usernames.IsValid).WithMessage(Usernames.InvalidMessage);
        RuleFor(r => r.Role).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Role is required.")
            .Must(r => Roles.TryParse(r, out _)).WithMessage($"Role must be one of: {string.Join(", ", Roles.Names)}.");
        // Optional: without one, the response carries a one-time reset code instead.
        RuleFor(r => r.Password).Must(p => Passwords.Problem(p) is null).WithMessage(r => Passwords.Problem(r.Password))
            .When(r => r.Password is not null);
    }
}
