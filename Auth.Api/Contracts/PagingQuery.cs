using Auth.Core.Common;

namespace Auth.Api.Contracts;

/// <summary>?page=&amp;pageSize= on listings; page numbers start at 1.</summary>
public sealed class PagingQuery
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = Paging.DefaultSize;
}
