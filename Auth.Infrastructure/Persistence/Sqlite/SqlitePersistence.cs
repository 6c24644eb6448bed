using Auth.Infrastructure.Persistence.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Auth.Infrastructure.Persistence.Sqlite;

public static class SqlitePersistence
{
    /// <summary>The embedded default: EF Core on a SQLite file (relative paths go under the content root).</summary>
    public static void AddSqlitePersistence(this IServiceCollection services, string? connectionString, IHostEnvironment environment)
    {
        var sqlite = UnderContentRoot(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString, environment);
        services.AddDbContextPool<SqliteAuthDbContext>(o => o.UseSqlite(sqlite).LogConnectionErrorsAsWarnings());
        services.AddEfStores<SqliteAuthDbContext>();
    }

    /// <summary>A relative SQLite file goes under the content root, wherever the process was started from.</summary>
    private static string UnderContentRoot(string connectionString, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        return builder.ToString();
    }
}
