namespace Auth.Api.Contracts;

/// <summary>Active sessions, newest first.</summary>
public sealed record SessionListResponse(IReadOnlyList<SessionResponse> Items);
