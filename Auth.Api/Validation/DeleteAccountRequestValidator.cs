using Auth.Api.Contracts;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class DeleteAccountRequestValidator : AbstractValidator<DeleteAccountRequest>
{
    public DeleteAccountRequestValidator() =>
        RuleFor(r => r.Password).Must(p => !string.IsNullOrEmpty(p)).WithMessage("Password is required.");
}
