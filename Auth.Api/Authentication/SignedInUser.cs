using Auth.Core.Users;

namespace Auth.Api.Authentication;

/// <summary>
/// The caller's account as the database had it at the start of this request (set after token validation), and the
/// session its token belongs to.
/// </summary>
public sealed record SignedInUser(User User, string SessionId);
