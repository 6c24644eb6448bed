namespace Auth.Api.Contracts;

/// <summary>An account as clients see it: role as its lower-case name, never the password hash.</summary>
public sealed record UserResponse(long Id, string Username, string Role, DateTimeOffset CreatedAt);
