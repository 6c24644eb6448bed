using Auth.Core.Common;

namespace Auth.Api.Contracts;

// Every field is nullable so that a missing or null field reaches the validators (a clear 400), not the binder.

public sealed record SignUpRequest(string? Username, string? Password);

public sealed record AuthenticateRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ChangeRoleRequest(string? Role);

/// <summary>?page=&amp;pageSize= on listings; page numbers start at 1.</summary>
public sealed class PagingQuery
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = Paging.DefaultSize;
}
