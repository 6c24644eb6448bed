using Auth.Api.Contracts;
using Auth.Core.Users;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class ChangeRoleRequestValidator : AbstractValidator<ChangeRoleRequest>
{
    public ChangeRoleRequestValidator() =>
        RuleFor(r => r.Role).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Role is required.")
            .Must(r => Roles.TryParse(r, out _)).WithMessage($"Role must be one of: {string.Join(", ", Roles.Names)}.");
}
