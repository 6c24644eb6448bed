using Auth.Api.Contracts;
using Auth.Core.Common;
using FluentValidation;

namespace Auth.Api.Validation;

public sealed class PagingQueryValidator : AbstractValidator<PagingQuery>
{
    public PagingQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxSize)
            .WithMessage($"PageSize must be between 1 and {Paging.MaxSize}.");
    }
}
