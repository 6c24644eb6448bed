namespace Auth.Api.Contracts;

/// <summary>An account as clients see it: role as its lower-case name, never the password hash.</summary>
public sealed record UserResponse(long Id, string Username, string Role, DateTimeOffset CreatedAt);

public sealed record SignUpResponse(string Message, UserResponse User);

public sealed record TokenResponse(bool Success, string Token, string TokenType, int ExpiresIn, string RefreshToken);

public sealed record GuestResponse(string Role);

public sealed record ProfileResponse(string Message, UserResponse User);

public sealed record MessageResponse(string Message);

public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record AuditEventResponse(
    long Id, DateTimeOffset OccurredAt, string Type, long? UserId, string? Username, long? ActorId, string? Detail, string? ClientIp);
