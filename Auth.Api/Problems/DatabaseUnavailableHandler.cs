using Auth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;

namespace Auth.Api.Problems;

/// <summary>
/// A database that cannot be reached (or whose schema is not migrated yet) is the service being unavailable, not a
/// bug: answer 503 problem+json with Retry-After, so clients and load balancers try again instead of seeing a 500.
/// </summary>
public sealed class DatabaseUnavailableHandler(SchemaState schema, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken ct)
    {
        var unreachable = DatabaseFaults.IsUnavailable(exception);
        if (!unreachable && schema.IsReady)
            return false; // a real fault: the default handler answers 500 and logs it

        logger.LogWarning("Answering 503 for {Method} {Path}: {Reason}: {Message}", httpContext.Request.Method,
            httpContext.Request.Path, unreachable ? "database unreachable" : "schema not migrated yet", exception.Message);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        // The exception stays in the log, never in the body.
        await ApiProblems.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable,
            "The database is unavailable right now. Try again shortly.");
        return true;
    }
}
