namespace Auth.Api.Security;

/// <summary>One fixed-window budget: at most <see cref="PermitLimit"/> requests per client address per window.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }
    public double WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
