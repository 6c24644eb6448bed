namespace Auth.Api.Security;

/// <summary>
/// Configuration section <c>RateLimits</c>: per-client-IP budgets for the endpoints an attacker hammers. They sit in front
/// of the persisted per-username lockout, which is what holds across several instances; these are per instance.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimitRule Authenticate { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };
    public RateLimitRule Signup { get; set; } = new() { PermitLimit = 5, WindowSeconds = 60 };
    public RateLimitRule Refresh { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };
    public RateLimitRule PasswordReset { get; set; } = new() { PermitLimit = 5, WindowSeconds = 60 };
}
