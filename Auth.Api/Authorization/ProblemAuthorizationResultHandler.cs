using Auth.Api.Authentication;
using Auth.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Auth.Api.Authorization;

/// <summary>
/// 401 (with the bearer challenge's WWW-Authenticate) and 403 as problem+json bodies instead of empty responses.
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            await context.ChallengeAsync();
            await ApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, await context.HasRejectedTokenAsync()
                ? "The access token is invalid or expired, or its account no longer exists."
                : "Authentication required: send 'Authorization: Bearer <token>' from /api/authenticate.");
        }
        else if (result.Forbidden)
        {
            await context.ForbidAsync();
            await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Your role does not allow this.");
        }
        else
        {
            await next(context);
        }
    }
}
