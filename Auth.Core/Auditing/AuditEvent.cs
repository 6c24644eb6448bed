namespace Auth.Core.Auditing;

/// <summary>One security event, kept in table <c>audit_events</c>.</summary>
public sealed class AuditEvent
{
    // Column lengths of audit_events on every backend; AuditTrail clips to them because strict databases
    // (PostgreSQL, MySQL) refuse longer values, and a login attempt may carry any name at all.
    public const int TypeMaxLength = 40;
    public const int UsernameMaxLength = 64;
    public const int DetailMaxLength = 200;
    public const int ClientIpMaxLength = 45;

    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>One of <see cref="AuditEventTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The account the event is about, when there is one.</summary>
    public long? UserId { get; set; }

    /// <summary>The username as given (also for unknown usernames on failed logins).</summary>
    public string? Username { get; set; }

    /// <summary>Who did it, when that is someone else (an admin changing a role).</summary>
    public long? ActorId { get; set; }

    /// <summary>A short human-readable detail, e.g. "user -> admin" or "wrong password".</summary>
    public string? Detail { get; set; }

    public string? ClientIp { get; set; }
}
