namespace Auth.Core.Options;

/// <summary>Configuration section <c>RefreshTokens</c>.</summary>
public sealed class RefreshTokenOptions
{
    public const string Section = "RefreshTokens";

    /// <summary>How long a refresh token may be used; each refresh issues a new one with a fresh lifetime.</summary>
    public double LifetimeDays { get; set; } = 7;

    public TimeSpan Lifetime => TimeSpan.FromDays(LifetimeDays);
}
