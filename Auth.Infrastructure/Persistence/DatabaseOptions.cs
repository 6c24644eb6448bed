namespace Auth.Infrastructure.Persistence;

/// <summary>Configuration section <c>Database</c>; the connection string is <c>ConnectionStrings:Auth</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Auth";
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;
    public const string DefaultSqliteConnectionString = "Data Source=auth.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// MySQL/MariaDB only: the server's version and type ("8.4.0-mysql", "10.11.6-mariadb"), which shapes the SQL
    /// Pomelo writes. Unset, it is read from the server once at start-up.
    /// </summary>
    public string? ServerVersion { get; set; }

    /// <summary>
    /// Longest wait between two start-up migration attempts while the database is unreachable; the wait starts at
    /// one second and doubles up to this.
    /// </summary>
    public int MigrationRetryMaxDelaySeconds { get; set; } = 30;
}
