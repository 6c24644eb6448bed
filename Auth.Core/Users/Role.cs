namespace Auth.Core.Users;

/// <summary>The roles a user can hold, stored as bit flags in <c>users.role</c>.</summary>
[Flags]
public enum Role
{
    None = 0,
    Guest = 1,
    User = 2,
    Admin = 4,
}
