using Auth.Api.Contracts;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() =>
        RuleFor(r => r.RefreshToken).NotEmpty().WithMessage("RefreshToken is required.");
}
