namespace Auth.Core.Options;

/// <summary>Configuration section <c>Lockout</c>: how many failed logins lock a username, and for how long.</summary>
public sealed class LockoutOptions
{
    public const string Section = "Lockout";

    /// <summary>Consecutive failures (within <see cref="Minutes"/> of each other) that lock the username.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long a lockout lasts, and how long a failure is remembered.</summary>
    public double Minutes { get; set; } = 5;

    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);
}
