using Auth.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Auth.Api.Authorization;

/// <summary>The caller's role must share a bit with this access level.</summary>
public sealed record AccessLevelRequirement(AccessLevel Level) : IAuthorizationRequirement;

/// <summary>
/// <c>[AllowOnly(AccessLevel.Admin)]</c>: yields the requirement itself (IAuthorizationRequirementData, .NET 8+), so
/// there are no policy-name strings to keep in step.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllowOnlyAttribute(AccessLevel level) : Attribute, IAuthorizationRequirementData
{
    public AccessLevel Level { get; } = level;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new AccessLevelRequirement(Level)];
}

/// <summary>The three access levels as named policies too, for endpoints mapped outside controllers.</summary>
public static class AccessPolicies
{
    public static void Add(AuthorizationOptions options)
    {
        foreach (var level in Enum.GetValues<AccessLevel>())
            options.AddPolicy(level.ToString(), p => p.AddRequirements(new AccessLevelRequirement(level)));
    }
}
