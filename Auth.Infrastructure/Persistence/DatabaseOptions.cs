namespace Auth.Infrastructure.Persistence;

/// <summary>The database backends the service can run on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    MySql,
    PostgreSql,
}

/// <summary>Configuration section <c>Database</c>; the connection string is <c>ConnectionStrings:Auth</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Auth";
    public const string DefaultSqliteConnectionString = "Data Source=auth.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
