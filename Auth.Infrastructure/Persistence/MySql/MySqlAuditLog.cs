using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Dapper;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>Table <c>audit_events</c> on MySQL/MariaDB.</summary>
public sealed class MySqlAuditLog(MySqlConnectionFactory connections) : IAuditLog
{
    public async Task WriteAsync(AuditEvent auditEvent, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        auditEvent.Id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO audit_events (occurred_at, type, user_id, username, actor_id, detail, client_ip)
            VALUES (@OccurredAt, @Type, @UserId, @Username, @ActorId, @Detail, @ClientIp);
            SELECT LAST_INSERT_ID();
            """, auditEvent, cancellationToken: ct));
    }

    public async Task<Page<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT COUNT(*) FROM audit_events;
            SELECT id AS Id, occurred_at AS OccurredAt, type AS Type, user_id AS UserId, username AS Username,
                   actor_id AS ActorId, detail AS Detail, client_ip AS ClientIp
            FROM audit_events ORDER BY id DESC LIMIT @take OFFSET @skip;
            """, new { take = pageSize, skip = (long)(page - 1) * pageSize }, cancellationToken: ct));
        var total = await results.ReadSingleAsync<int>();
        var items = (await results.ReadAsync<AuditEvent>()).ToList();
        return new Page<AuditEvent>(items, page, pageSize, total);
    }
}
