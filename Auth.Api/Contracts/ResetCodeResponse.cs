namespace Auth.Api.Contracts;

/// <summary>A one-time password-reset code, shown this once (only its hash is stored).</summary>
public sealed record ResetCodeResponse(string Code, DateTimeOffset ExpiresAt);
