using Auth.Api.Contracts;
using Auth.Core.Common;
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

public sealed class AuthenticateRequestValidator : AbstractValidator<AuthenticateRequest>
{
    public AuthenticateRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().WithMessage("Username is required.");
        // Not NotEmpty(): that also refuses all-blank passwords, which signup accepts (a password of 8 spaces is legal).
        RuleFor(r => r.Password).Must(p => !string.IsNullOrEmpty(p)).WithMessage("Password is required.");
    }
}

public sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() =>
        RuleFor(r => r.RefreshToken).NotEmpty().WithMessage("RefreshToken is required.");
}

public sealed class ChangeRoleRequestValidator : AbstractValidator<ChangeRoleRequest>
{
    public ChangeRoleRequestValidator() =>
        RuleFor(r => r.Role).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Role is required.")
            .Must(r => Roles.TryParse(r, out _)).WithMessage($"Role must be one of: {string.Join(", ", Roles.Names)}.");
}

public sealed class PagingQueryValidator : AbstractValidator<PagingQuery>
{
    public PagingQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxSize)
            .WithMessage($"PageSize must be between 1 and {Paging.MaxSize}.");
    }
}
