using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Persistence.MySql;
using Auth.Infrastructure.Persistence.PostgreSql;
using Auth.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Auth.Tests.Support;

/// <summary>A provider's EF context on a test database, configured as the service configures it, for migration tests.</summary>
public static class TestContexts
{
    public static AuthDbContext Create(TestDatabase database) => database.Provider switch
    {
        Backends.Sqlite => new SqliteAuthDbContext(
            new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(database.ConnectionString).Options),
        Backends.MySql => new MySqlAuthDbContext(new DbContextOptionsBuilder<MySqlAuthDbContext>()
            .UseMySql(database.ConnectionString, ServerVersion.AutoDetect(database.ConnectionString)).Options),
        Backends.PostgreSql => new PostgresAuthDbContext(
            new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql(database.ConnectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown test backend."),
    };
}
