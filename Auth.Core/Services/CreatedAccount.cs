using Auth.Core.Users;

namespace Auth.Core.Services;

/// <summary>An account an admin created, and the one-time code its owner sets a password with (when none was given).</summary>
public sealed record CreatedAccount(User User, ResetCode? ResetCode);
