using System.Text;

namespace Auth.Api.Contracts;

// Every field is nullable so that a missing or null field reaches the validators (a clear 400), not the binder.
// Records print every member in ToString(), and MVC logs action arguments at Trace level: secrets print as "***".
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CurrentPassword = ").Append("***").Append(", NewPassword = ").Append("***");
        return true;
    }
}
