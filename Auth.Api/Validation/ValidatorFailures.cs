using FluentValidation;
using FluentValidation.AspNetCore;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Validation;

/// <summary>
/// Notes which failures this request's validators reported, as FluentValidation's automatic validation runs them.
/// Model state mixes them with the binder's errors; <see cref="ValidationProblems"/> keeps their messages and rewords
/// only the binder's.
/// </summary>
public sealed class ValidatorFailures : IValidatorInterceptor
{
    private static readonly object Key = new();

    /// <summary>The failures the validators reported for this request, in rule order.</summary>
    public static IReadOnlyList<ValidationFailure> Of(HttpContext httpContext) =>
        httpContext.Items.TryGetValue(Key, out var failures) ? (List<ValidationFailure>)failures! : [];

    public IValidationContext BeforeAspNetValidation(ActionContext actionContext, IValidationContext commonContext) => commonContext;

    public ValidationResult AfterAspNetValidation(ActionContext actionContext, IValidationContext validationContext, ValidationResult result)
    {
        if (!result.IsValid)
        {
            var items = actionContext.HttpContext.Items;
            if (!items.TryGetValue(Key, out var failures))
                items[Key] = failures = new List<ValidationFailure>();
            ((List<ValidationFailure>)failures!).AddRange(result.Errors);
        }
        return result;
    }
}
