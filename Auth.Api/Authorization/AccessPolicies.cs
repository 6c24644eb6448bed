using Auth.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Auth.Api.Authorization;

/// <summary>The three access levels as named policies too, for endpoints mapped outside controllers.</summary>
public static class AccessPolicies
{
    public static void Add(AuthorizationOptions options)
    {
        foreach (var level in Enum.GetValues<AccessLevel>())
            options.AddPolicy(level.ToString(), p => p.AddRequirements(new AccessLevelRequirement(level)));
    }
}
