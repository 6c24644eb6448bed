using Dapper;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>Readiness: a pooled connection (MySql.Data pings it on checkout) and one trivial query.</summary>
public sealed class MySqlDatabaseProbe(MySqlConnectionFactory connections) : IDatabaseProbe
{
    public async Task PingAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct));
    }
}
