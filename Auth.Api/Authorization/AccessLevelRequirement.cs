using Auth.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Auth.Api.Authorization;

/// <summary>The caller's role must share a bit with this access level.</summary>
public sealed record AccessLevelRequirement(AccessLevel Level) : IAuthorizationRequirement;
