using System.Text;
using Auth.Core.Common;

namespace Auth.Api.Contracts;

// Every field is nullable so that a missing or null field reaches the validators (a clear 400), not the binder.

// Records print every member in ToString(), and MVC logs action arguments at Trace level: secrets print as "***".

public sealed record SignUpRequest(string? Username, string? Password)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Username = ").Append(Username).Append(", Password = ***");
        return true;
    }
}

public sealed record AuthenticateRequest(string? Username, string? Password)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Username = ").Append(Username).Append(", Password = ***");
        return true;
    }
}

public sealed record RefreshRequest(string? RefreshToken)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RefreshToken = ***");
        return true;
    }
}

public sealed record ChangeRoleRequest(string? Role);

/// <summary>?page=&amp;pageSize= on listings; page numbers start at 1.</summary>
public sealed class PagingQuery
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = Paging.DefaultSize;
}
