namespace Auth.Core.Users;

/// <summary>The one place the bitwise access rule and the role names live.</summary>
public static class Roles
{
    /// <summary>A caller may use an endpoint when its access level shares a bit with the caller's role.</summary>
    public static bool Allows(this AccessLevel level, Role role) => ((int)level & (int)role) != 0;

    public static bool IsAdmin(this Role role) => (role & Role.Admin) != 0;

    /// <summary>The lower-case name clients see; a stored combination of flags reads as its highest role.</summary>
    public static string ToName(this Role role) =>
        (role & Role.Admin) != 0 ? "admin"
        : (role & Role.User) != 0 ? "user"
        : "guest";

    /// <summary>Parses "guest", "user" or "admin" (any case); numbers and other names are refused.</summary>
    public static bool TryParse(string? name, out Role role)
    {
        role = name?.Trim().ToLowerInvariant() switch
        {
            "guest" => Role.Guest,
            "user" => Role.User,
            "admin" => Role.Admin,
            _ => Role.None,
        };
        return role != Role.None;
    }

    public static readonly IReadOnlyList<string> Names = ["guest", "user", "admin"];
}
