using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace Auth.Tests.Support;

/// <summary>
/// A fresh, empty database on one backend for one test fixture, reached with plain ADO.NET so tests can
/// check what is stored (and play the admin at a SQL prompt) the same way on every backend.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    /// <summary>The value for Database:Provider.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract DbConnection CreateConnection();

    public abstract void Dispose();

    /// <summary>The backends an API test fixture runs on (see Backends).</summary>
    public static TestDatabase Create(string backend) => backend switch
    {
        Backends.Sqlite => new SqliteTestDatabase(),
        Backends.MySql => new MySqlTestDatabase(),
        Backends.PostgreSql => new PostgresTestDatabase(),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown test backend."),
    };

    /// <summary>Runs SQL with interpolated values sent as parameters (@p0, @p1, ...).</summary>
    public async Task<int> ExecuteAsync(FormattableString sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = Command(connection, sql);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row, converted to T.</summary>
    public async Task<T> ScalarAsync<T>(FormattableString sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = Command(connection, sql);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every value of the first column.</summary>
    public async Task<List<string>> ColumnAsync(FormattableString sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    private DbCommand Command(DbConnection connection, FormattableString sql)
    {
        var command = connection.CreateCommand();
        var names = new object[sql.ArgumentCount];
        for (var i = 0; i < sql.ArgumentCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = sql.GetArgument(i) ?? DBNull.Value;
            command.Parameters.Add(parameter);
            names[i] = $"@p{i}";
        }
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql.Format, names);
        return command;
    }
}

/// <summary>The names of the backends test fixtures run against.</summary>
public static class Backends
{
    public const string Sqlite = "Sqlite";
    public const string MySql = "MySql";
    public const string PostgreSql = "PostgreSql";

    /// <summary>The backends the end-to-end API fixture runs on (every other API fixture runs on SQLite only).</summary>
    public static readonly string[] Api = [Sqlite, MySql, PostgreSql];

    /// <summary>Every repository contract fixture runs once per backend listed here.</summary>
    public static readonly string[] Persistence = [Sqlite, MySql, PostgreSql];
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"auth-tests-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";
    public override string ConnectionString => $"Data Source={_path}";
    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
    }
}

/// <summary>
/// A database of its own (auth_t_&lt;guid&gt;) on the MariaDB/MySQL server named by AUTH_TEST_MYSQL, dropped on Dispose.
/// Without that variable the fixture is ignored with a message, and fails in CI.
/// </summary>
public sealed class MySqlTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name = $"auth_t_{Guid.NewGuid():N}";

    public MySqlTestDatabase()
    {
        _server = TestServers.MySql;
        ConnectionString = new MySqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
        ExecuteOnServer($"CREATE DATABASE `{_name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    public string Name => _name;
    public override string Provider => "MySql";
    public override string ConnectionString { get; }
    public override DbConnection CreateConnection() => new MySqlConnection(ConnectionString);

    private bool _disposed;

    /// <summary>Idempotent: WebApplicationFactory may dispose its test database twice (Dispose and DisposeAsync).</summary>
    public override void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        // Idle pooled connections to the dropped database would linger until the server's timeout.
        MySqlConnection.ClearAllPools();
        ExecuteOnServer($"DROP DATABASE `{_name}`");
    }

    private void ExecuteOnServer(string sql)
    {
        using var connection = new MySqlConnection(_server);
        connection.Open();
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// A database of its own (auth_t_&lt;guid&gt;) on the AUTH_TEST_POSTGRES server, dropped on dispose. Without the
/// server the fixture is ignored with a message (failed in CI).
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _server = TestServers.Postgres;
    private readonly string _name = $"auth_t_{Guid.NewGuid():N}";

    public PostgresTestDatabase()
    {
        // The name is ours (a GUID), not input: identifiers cannot be parameters.
        AsServer($"CREATE DATABASE {_name}");
    }

    public override string Provider => "PostgreSql";

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    public override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    public override void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE ends the app's pooled connections too (PostgreSQL 13+).
        AsServer($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private void AsServer(string sql)
    {
        using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
