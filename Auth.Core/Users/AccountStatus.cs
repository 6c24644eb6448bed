namespace Auth.Core.Users;

/// <summary>Whether an account may sign in. Stored as its lower-case name in <c>users.status</c>.</summary>
public enum AccountStatus
{
    Active,

    /// <summary>Stopped by an admin: no login, no refresh, and its access tokens are refused on their next request.</summary>
    Disabled,
}
