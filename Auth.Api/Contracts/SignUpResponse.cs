namespace Auth.Api.Contracts;

public sealed record SignUpResponse(string Message, UserResponse User);
