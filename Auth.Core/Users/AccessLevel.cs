namespace Auth.Core.Users;

/// <summary>The access level an endpoint demands: a mask of the roles that may use it.</summary>
[Flags]
public enum AccessLevel
{
    Guest = Role.Guest | Role.User | Role.Admin,
    User = Role.User | Role.Admin,
    Admin = Role.Admin,
}
