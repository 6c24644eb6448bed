namespace Auth.Core.Common;

/// <summary>One page of a listing, numbered from 1, with the total count across all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total);
