namespace Auth.Core.Security;

/// <summary>Failed-login state for one normalized username, whether or not such an account exists.</summary>
public sealed class LoginThrottle
{
    public string NormalizedUsername { get; set; } = "";
    public int Failures { get; set; }
    public DateTimeOffset? LastFailureAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}
