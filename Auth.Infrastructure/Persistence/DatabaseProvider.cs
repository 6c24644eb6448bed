namespace Auth.Infrastructure.Persistence;

/// <summary>The database backends the service can run on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    MySql,
    PostgreSql,
}
