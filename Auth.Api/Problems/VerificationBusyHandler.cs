using Auth.Core.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace Auth.Api.Problems;

/// <summary>
/// Every verification slot of one username stayed taken for the whole wait (docs/decisions/0015): nothing was checked
/// and nothing counted, so the caller is told to try again, not that a password was wrong or the name locked.
/// </summary>
public sealed class VerificationBusyHandler(ILogger<VerificationBusyHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken ct)
    {
        if (exception is not VerificationSlotTimeoutException)
            return false;
        logger.LogWarning("Answering 503 for {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        await ApiProblems.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable,
            "Too many sign-ins of this account are being checked at once. Try again in a few seconds.");
        return true;
    }
}
