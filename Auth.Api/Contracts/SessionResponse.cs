namespace Auth.Api.Contracts;

/// <summary>A signed-in session as its owner (or an admin) sees it; <c>current</c> marks the caller's own.</summary>
public sealed record SessionResponse(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? Ip, string? UserAgent, bool Current);
