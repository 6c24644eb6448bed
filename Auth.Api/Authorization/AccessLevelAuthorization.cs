using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Auth.Api.Authorization;

public static class AccessLevelAuthorization
{
    /// <summary>The access-level handler, the levels as named policies, and problem bodies for 401/403.</summary>
    public static IServiceCollection AddAccessLevelAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationHandler, AccessLevelHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }
}
