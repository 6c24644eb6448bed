using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Microsoft.Extensions.Logging;

namespace Auth.Core.Services;

/// <summary>Records security events in the audit table and in the structured log, in one call.</summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider clock, ILogger<AuditTrail> logger)
{
    public async Task RecordAsync(
        string type, long? userId, string? username, string? detail = null, long? actorId = null,
        string? clientIp = null, CancellationToken ct = default)
    {
        var auditEvent = new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            Type = type,
            UserId = userId,
            Username = Clip(username, AuditEvent.UsernameMaxLength),
            ActorId = actorId,
            Detail = Clip(detail, AuditEvent.DetailMaxLength),
            ClientIp = Clip(clientIp, AuditEvent.ClientIpMaxLength),
        };
        await log.WriteAsync(auditEvent, ct);
        logger.LogInformation(
            "Audit {AuditType} user={UserId} username={Username} actor={ActorId} detail={Detail} ip={ClientIp}",
            type, userId, auditEvent.Username, actorId, auditEvent.Detail, auditEvent.ClientIp);
    }

    /// <summary>
    /// Fits a value to its column, with control characters replaced: a username sent to /api/authenticate is
    /// attacker-chosen text, and a CR/LF in it must not forge lines in the plain-text console log.
    /// </summary>
    private static string? Clip(string? value, int maxLength)
    {
        if (value is null)
            return null;
        var clipped = value.Length > maxLength ? value[..maxLength] : value;
        return clipped.Any(char.IsControl)
            ? string.Create(clipped.Length, clipped, (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                    span[i] = char.IsControl(source[i]) ? '?' : source[i];
            })
            : clipped;
    }
}
