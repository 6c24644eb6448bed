namespace Auth.Core.Users;

/// <summary>The names an <see cref="AccountStatus"/> has in JSON and in the database.</summary>
public static class AccountStatuses
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    public static string ToName(this AccountStatus status) => status == AccountStatus.Disabled ? Disabled : Active;

    public static bool TryParse(string? name, out AccountStatus status)
    {
        status = name switch
        {
            Active => AccountStatus.Active,
            Disabled => AccountStatus.Disabled,
            _ => (AccountStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}
