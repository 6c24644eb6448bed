namespace Auth.Api.Contracts;

public sealed record TokenResponse(bool Success, string Token, string TokenType, int ExpiresIn, string RefreshToken);
