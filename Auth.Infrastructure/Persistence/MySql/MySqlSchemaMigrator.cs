using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using MySql.Data.MySqlClient;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>One embedded schema script: Scripts/NNNN_name.sql.</summary>
public sealed record MySqlSchemaScript(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded scripts in version order, each exactly once, recording them in <c>schema_version</c>.
/// Instances starting together serialise on a named server lock held for the whole run; the lock is per database,
/// so services on different databases of one server don't wait for each other.
/// </summary>
public sealed partial class MySqlSchemaMigrator(MySqlConnectionFactory connections, ILogger<MySqlSchemaMigrator> logger)
    : ISchemaMigrator
{
    /// <summary>How long an instance waits for another instance's migration before the attempt counts as failed (and is retried).</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<MySqlSchemaScript> Scripts { get; } = LoadScripts();

    public async Task MigrateAsync(CancellationToken ct)
    {
        // Unpooled, so that closing the connection certainly drops the lock even if RELEASE_LOCK is never reached.
        var unpooled = new MySqlConnectionStringBuilder(connections.ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new MySqlConnection(unpooled);
        await connection.OpenAsync(ct);

        var lockName = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT CONCAT('auth_schema_', MD5(DATABASE()))", cancellationToken: ct));
        // GET_LOCK: 1 acquired, 0 timed out, NULL on error. MySql.Data returns it as Int32 (or DBNull).
        var acquired = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT GET_LOCK(@lockName, @seconds)", new { lockName, seconds = (int)LockTimeout.TotalSeconds }, cancellationToken: ct));
        if (acquired != 1)
            throw new TimeoutException($"Another instance held the schema lock for more than {LockTimeout.TotalSeconds:0} s.");
        try
        {
            await ApplyMissingAsync(connection, ct);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("DO RELEASE_LOCK(@lockName)", new { lockName }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task ApplyMissingAsync(MySqlConnection connection, CancellationToken ct)
    {
        // Asked through information_schema rather than CREATE TABLE IF NOT EXISTS, which raises a warning when the
        // table exists (and warnings are where MySql.Data 8.0.16 trips over MariaDB's "utf8mb3").
        var hasVersionTable = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COUNT(*) FROM information_schema.tables
            WHERE table_schema = DATABASE() AND table_name = 'schema_version'
            """, cancellationToken: ct)) > 0;
        if (!hasVersionTable)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                CREATE TABLE schema_version (
                    version INT NOT NULL,
                    name VARCHAR(200) NOT NULL,
                    applied_at DATETIME(6) NOT NULL,
                    CONSTRAINT pk_schema_version PRIMARY KEY (version)
                ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
                """, cancellationToken: ct));
        }

        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_version", cancellationToken: ct))).ToHashSet();
        foreach (var script in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            // MySQL commits DDL implicitly, so a script is not atomic: keep each one small and forward-only.
            await connection.ExecuteAsync(new CommandDefinition(script.Sql, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, UTC_TIMESTAMP(6))",
                new { script.Version, script.Name }, cancellationToken: ct));
            logger.LogInformation("Applied MySQL schema script {Version:0000} {Name}", script.Version, script.Name);
        }
    }

    [GeneratedRegex(@"^MySqlScripts/(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();

    private static IReadOnlyList<MySqlSchemaScript> LoadScripts()
    {
        var assembly = typeof(MySqlSchemaMigrator).Assembly;
        var scripts = new List<MySqlSchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("MySqlScripts/", StringComparison.Ordinal)))
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
                throw new InvalidOperationException($"Schema script '{resource}' must be named NNNN_lower_case_name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new MySqlSchemaScript(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd()));
        }
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two schema scripts share version {duplicate.Key}.");
        return scripts.OrderBy(s => s.Version).ToList();
    }
}
