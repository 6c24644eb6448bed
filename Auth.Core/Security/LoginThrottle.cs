namespace Auth.Core.Security;

/// <summary>Failed-login state for one normalized username, whether or not such an account exists.</summary>
public sealed class LoginThrottle
{
    public string NormalizedUsername { get; set; } = "";
    public int Failures { get; set; }
    public DateTimeOffset? LastFailureAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Credential checks holding a verification slot right now (they count against the limit until they finish).</summary>
    public int InFlight { get; set; }

    /// <summary>When the newest in-flight check took its slot; slots older than a check can take are forgotten.</summary>
    public DateTimeOffset? InFlightSince { get; set; }
}
