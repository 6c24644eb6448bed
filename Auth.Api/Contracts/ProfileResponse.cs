namespace Auth.Api.Contracts;

public sealed record ProfileResponse(string Message, UserResponse User);
