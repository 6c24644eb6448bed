namespace Auth.Api.Contracts;

/// <summary>An account as clients see it: role and status as lower-case names, never the password hash.</summary>
public sealed record UserResponse(long Id, string Username, string Role, DateTimeOffset CreatedAt, string Status);
