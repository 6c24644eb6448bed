using Auth.Core.Common;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Problems;

/// <summary>
/// The one place where Core outcomes become HTTP status codes and RFC 7807 bodies. Every problem body is written by
/// AddProblemDetails' service (or MVC's ProblemDetailsFactory, in controllers) and shaped by <see cref="Customize"/>.
/// </summary>
public static class ApiProblems
{
    public static int StatusCodeOf(Outcome outcome) => outcome switch
    {
        Outcome.Success => StatusCodes.Status200OK,
        Outcome.Created => StatusCodes.Status201Created,
        Outcome.NotFound => StatusCodes.Status404NotFound,
        Outcome.Conflict => StatusCodes.Status409Conflict,
        Outcome.InvalidCredentials => StatusCodes.Status401Unauthorized,
        Outcome.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        Outcome.Invalid => StatusCodes.Status400BadRequest,
        Outcome.Forbidden => StatusCodes.Status403Forbidden,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "No status code for this outcome."),
    };

    /// <summary>A failed Core result as problem+json (with Retry-After when the result says when to come back).</summary>
    public static IActionResult ToProblem<T>(this ControllerBase controller, Result<T> result)
    {
        if (result.RetryAfter is { } retryAfter)
            controller.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        var message = result.Message ?? "The request failed.";
        if (result.Outcome == Outcome.Invalid)
        {
            // The same shape as the validators' 400s: errors keyed by the JSON field to blame.
            var errors = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
            errors.AddModelError(result.Field ?? "body", message);
            return Validation.ValidationProblems.Create(controller.HttpContext, errors);
        }
        var problem = controller.ProblemDetailsFactory.CreateProblemDetails(controller.HttpContext, StatusCodeOf(result.Outcome), detail: message);
        if (result.Code is not null)
            problem.Extensions["code"] = result.Code;
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
    }

    /// <summary>
    /// A problem answer from outside MVC (middleware, handlers, the rate limiter). The status and headers always go;
    /// the body goes when the client accepts JSON (the framework's negotiation: no Accept header, */*, or a JSON type).
    /// </summary>
    public static async ValueTask WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = message },
        });
    }

    /// <summary>
    /// Applied to every problem body, whoever writes it: a one-line <c>message</c> for clients of the original
    /// Express API, and no traceId, so two answers to the same mistake are byte-identical (the correlation id
    /// travels in a header instead).
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("traceId");
        if (problem.Status is { } status)
            problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        problem.Extensions["message"] = problem.Detail ?? problem.Title ?? "The request failed.";
    }
}
