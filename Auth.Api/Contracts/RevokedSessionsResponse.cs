namespace Auth.Api.Contracts;

/// <summary>How many sessions a sign-out-everywhere ended.</summary>
public sealed record RevokedSessionsResponse(int Revoked);
