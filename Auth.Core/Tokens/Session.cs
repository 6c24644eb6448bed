namespace Auth.Core.Tokens;

/// <summary>
/// A signed-in session: one login and the refresh-token family that descends from it (its id is the family id).
/// Access tokens carry it as <c>sid</c>, so ending a session refuses them on their next request.
/// </summary>
public sealed class Session
{
    public const int IpMaxLength = 45;
    public const int UserAgentMaxLength = 256;

    public string Id { get; set; } = "";
    public long UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The login, or the last refresh.</summary>
    public DateTimeOffset LastUsedAt { get; set; }

    /// <summary>When its newest refresh token expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The client address of the login or last refresh.</summary>
    public string? Ip { get; set; }

    /// <summary>The User-Agent of the login or last refresh, cut to <see cref="UserAgentMaxLength"/> characters for display.</summary>
    public string? UserAgent { get; set; }
}
