namespace Auth.Api.Contracts;

public sealed record GuestResponse(string Role);
