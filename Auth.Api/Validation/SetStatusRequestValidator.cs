using Auth.Api.Contracts;
using Auth.Core.Users;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class SetStatusRequestValidator : AbstractValidator<SetStatusRequest>
{
    public SetStatusRequestValidator()
    {
        RuleFor(r => r.Status).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Status is required.")
            .Must(s => AccountStatuses.TryParse(s, out _))
            .WithMessage($"Status must be '{AccountStatuses.Active}' or '{AccountStatuses.Disabled}'.");
        RuleFor(r => r.Reason).MaximumLength(User.StatusReasonMaxLength)
            .WithMessage($"Reason must be at most {User.StatusReasonMaxLength} characters.");
    }
}
