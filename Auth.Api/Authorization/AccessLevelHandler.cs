using Auth.Api.Authentication;
using Auth.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Auth.Api.Authorization;

/// <summary>
/// Enforces access levels with the role the database holds now. Anonymous callers count as guests, but a caller
/// who sent a token that failed validation is not anonymous: they get 401, not guest access.
/// </summary>
public sealed class AccessLevelHandler : AuthorizationHandler<AccessLevelRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessLevelRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var user = http?.SignedInUserOrNull();
        if (user is null && http is not null && await http.HasRejectedTokenAsync())
        {
            context.Fail(new AuthorizationFailureReason(this, "The access token is invalid or expired."));
            return;
        }

        var role = user?.Role ?? Role.Guest;
        if (requirement.Level.Allows(role))
            context.Succeed(requirement);
        else
            context.Fail(new AuthorizationFailureReason(this, $"Role {role.ToName()} may not use this endpoint."));
    }
}
