namespace Auth.Core.Services;

/// <summary>A one-time password-reset code as handed out once; only its hash is stored.</summary>
public sealed record ResetCode(string Code, DateTimeOffset ExpiresAt);
