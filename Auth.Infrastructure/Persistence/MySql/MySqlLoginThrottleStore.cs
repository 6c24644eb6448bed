using System.Data;
using Auth.Core.Abstractions;
using Auth.Core.Security;
using Dapper;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>Table <c>login_throttles</c> on MySQL/MariaDB.</summary>
public sealed class MySqlLoginThrottleStore(MySqlConnectionFactory connections) : ILoginThrottleStore
{
    public async Task<LoginThrottle?> GetAsync(string normalizedUsername, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<LoginThrottle>(new CommandDefinition("""
            SELECT normalized_username AS NormalizedUsername, failures AS Failures,
                   last_failure_at AS LastFailureAt, locked_until AS LockedUntil
            FROM login_throttles WHERE normalized_username = @normalizedUsername
            """, new { normalizedUsername }, cancellationToken: ct));
    }

    public async Task<int> RecordFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct)
    {
        // The upsert is atomic and leaves the row locked until commit, so the read-back in the same transaction
        // sees exactly this failure's count even when failures arrive at several instances at once.
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var failures = await connection.QuerySingleAsync<int>(new CommandDefinition("""
            INSERT INTO login_throttles (normalized_username, failures, last_failure_at)
            VALUES (@normalizedUsername, 1, @at)
            ON DUPLICATE KEY UPDATE failures = failures + 1, last_failure_at = VALUES(last_failure_at);
            SELECT failures FROM login_throttles WHERE normalized_username = @normalizedUsername;
            """, new { normalizedUsername, at }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return failures;
    }

    public async Task LockAsync(string normalizedUsername, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE login_throttles SET locked_until = @until WHERE normalized_username = @normalizedUsername",
            new { normalizedUsername, until }, cancellationToken: ct));
    }

    public async Task ResetAsync(string normalizedUsername, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM login_throttles WHERE normalized_username = @normalizedUsername",
            new { normalizedUsername }, cancellationToken: ct));
    }
}
