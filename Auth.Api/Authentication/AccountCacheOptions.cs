namespace Auth.Api.Authentication;

/// <summary>Configuration section <c>AccountCache</c>: the opt-in memory of per-request account lookups.</summary>
public sealed class AccountCacheOptions
{
    public const string Section = "AccountCache";

    /// <summary>
    /// How long a looked-up account (or its absence) may answer later requests. 0, the default, turns the cache off,
    /// so a role change or a deletion takes effect on the user's next request; any other value lets it take that long.
    /// </summary>
    public double LifetimeSeconds { get; set; }

    /// <summary>Most accounts held at once; when full, new lookups are not cached until entries expire.</summary>
    public int SizeLimit { get; set; } = 10_000;
}
