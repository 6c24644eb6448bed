using Microsoft.AspNetCore.Diagnostics;

namespace Auth.Api.Problems;

/// <summary>
/// A request the server could not read (the client closed the connection in the middle of its body, or sent a
/// malformed or oversized one) is the client's error: it answers with Kestrel's own 4xx status as a problem, and is
/// logged at Debug rather than as an unhandled 500 with a stack trace (the load benchmark's cut-off connections
/// produced exactly those).
/// </summary>
public sealed class ClientRequestExceptionHandler(ILogger<ClientRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        logger.LogDebug(exception, "Unreadable request {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, bad.Message);
        if (context.RequestAborted.IsCancellationRequested || context.Response.HasStarted)
            return true; // nobody is listening any more
        await ApiProblems.WriteAsync(context, bad.StatusCode, "The request could not be read.");
        return true;
    }
}
