namespace Auth.Api.Contracts;

/// <summary>An account an admin created; the reset code is shown this once (only its hash is stored).</summary>
public sealed record CreatedUserResponse(UserResponse User, string? ResetCode, DateTimeOffset? ResetCodeExpiresAt);
