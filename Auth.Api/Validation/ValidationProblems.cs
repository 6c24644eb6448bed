using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Auth.Api.Validation;

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
    /// The invalid model state of a request (MVC's InvalidModelStateResponseFactory). The validators' messages are
    /// kept as written; the binder's (which quote JSON paths, .NET type names and parser positions) become plain
    /// ones: malformed JSON, a wrong type or an empty body.
    /// </summary>
    public static IActionResult FromInvalidModelState(ActionContext context)
    {
        var errors = new ModelStateDictionary();
        var fromValidators = ValidatorFailures.Of(context.HttpContext);
        foreach (var failure in fromValidators)
            errors.AddModelError(JsonName(failure.PropertyName), failure.ErrorMessage);

        var validatorMessages = fromValidators.Select(f => f.ErrorMessage).ToHashSet();
        foreach (var (key, entry) in context.ModelState)
        {
            var field = key.TrimStart('$', '.');
            var isBody = field.Length == 0 || context.ActionDescriptor.Parameters.Any(p => p.Name == field);
            var fromBinder = entry.Errors.Any(e => !validatorMessages.Contains(e.ErrorMessage));
            if (!fromBinder || isBody) continue;
            var name = JsonName(field.Split('.', '[')[0]);
            errors.AddModelError(name, $"The value of '{name}' is missing or of the wrong type.");
        }
        // Only when no single field is to blame: the body as a whole is missing or is not JSON.
        if (errors.IsValid)
            errors.AddModelError("body", BodyMessage(context.HttpContext));
        return Create(context.HttpContext, errors);
    }

    /// <summary>Field names as they appear in the JSON body: camelCase.</summary>
    public static string JsonName(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? "body" : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];

    private static string BodyMessage(HttpContext httpContext) =>
        httpContext.Request.ContentLength is 0 || (httpContext.Request.ContentLength is null && !httpContext.Request.Headers.ContainsKey("Transfer-Encoding"))
            ? "A JSON request body is required."
            : "The request body is not valid JSON for this endpoint.";
}
