using Auth.Core.Abstractions;
using Auth.Core.Users;

namespace Auth.Core.Services;

/// <summary>An access token, the refresh token that goes with it, and whose they are.</summary>
public sealed record SignedIn(AccessToken AccessToken, string RefreshToken, User User);
