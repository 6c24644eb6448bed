using System.Collections.Concurrent;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Auth.Api.Validation;

/// <summary>
/// Runs the FluentValidation validator of every bound action argument (FluentValidation.AspNetCore is not in our
/// feed, and manual validation is the library's own advice) and answers 400 with a validation problem.
/// </summary>
public sealed class ValidationFilter : IAsyncActionFilter
{
    private static readonly ConcurrentDictionary<Type, Type> ValidatorTypes = new();

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var errors = new ModelStateDictionary();
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is null) continue;
            var validatorType = ValidatorTypes.GetOrAdd(argument.GetType(), t => typeof(IValidator<>).MakeGenericType(t));
            if (context.HttpContext.RequestServices.GetService(validatorType) is not IValidator validator) continue;

            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            foreach (var failure in result.Errors)
                errors.AddModelError(JsonName(failure.PropertyName), failure.ErrorMessage);
        }

        if (errors.IsValid)
        {
            await next();
            return;
        }
        context.Result = ValidationProblems.Create(context.HttpContext, errors);
    }

    /// <summary>Field names as they appear in the JSON body: camelCase.</summary>
    public static string JsonName(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? "body" : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}

/// <summary>The one shape of a 400: a validation problem whose message lists every error in one line.</summary>
public static class ValidationProblems
{
    public static IActionResult Create(HttpContext httpContext, ModelStateDictionary errors)
    {
        var factory = httpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(httpContext, errors, StatusCodes.Status400BadRequest,
            detail: string.Join(" ", errors.Values.SelectMany(e => e.Errors).Select(e => e.ErrorMessage).Distinct()));
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    /// <summary>
    /// Replaces the binder's messages (which quote JSON paths, .NET type names and parser positions) with plain ones:
    /// malformed JSON, a wrong type or an empty body.
    /// </summary>
    public static IActionResult FromInvalidModelState(ActionContext context)
    {
        var errors = new ModelStateDictionary();
        foreach (var (key, entry) in context.ModelState)
        {
            var field = key.TrimStart('$', '.');
            var isBody = field.Length == 0 || context.ActionDescriptor.Parameters.Any(p => p.Name == field);
            if (entry.Errors.Count == 0 || isBody) continue;
            var name = ValidationFilter.JsonName(field.Split('.', '[')[0]);
            errors.AddModelError(name, $"The value of '{name}' is missing or of the wrong type.");
        }
        // Only when no single field is to blame: the body as a whole is missing or is not JSON.
        if (errors.IsValid)
            errors.AddModelError("body", BodyMessage(context.HttpContext));
        return Create(context.HttpContext, errors);
    }

    private static string BodyMessage(HttpContext httpContext) =>
        httpContext.Request.ContentLength is 0 || (httpContext.Request.ContentLength is null && !httpContext.Request.Headers.ContainsKey("Transfer-Encoding"))
            ? "A JSON request body is required."
            : "The request body is not valid JSON for this endpoint.";
}
