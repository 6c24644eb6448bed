namespace Auth.Core.Common;

/// <summary>One page of a listing, numbered from 1, with the total count across all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total);

/// <summary>Paging limits shared by every listing.</summary>
public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;
}
