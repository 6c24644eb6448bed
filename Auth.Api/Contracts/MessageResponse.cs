namespace Auth.Api.Contracts;

public sealed record MessageResponse(string Message);
