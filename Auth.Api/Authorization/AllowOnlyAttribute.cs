using Auth.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Auth.Api.Authorization;

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
