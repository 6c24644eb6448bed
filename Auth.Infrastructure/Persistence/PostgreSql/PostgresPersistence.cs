using Auth.Infrastructure.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Auth.Infrastructure.Persistence.PostgreSql;

public static class PostgresPersistence
{
    /// <summary>PostgreSQL through Npgsql's EF Core provider.</summary>
    public static void AddPostgresPersistence(this IServiceCollection services, string? connectionString)
    {
        var postgres = WithDefaults(connectionString);
        services.AddDbContextPool<PostgresAuthDbContext>(o => o.UseNpgsql(postgres).LogConnectionErrorsAsWarnings());
        services.AddEfStores<PostgresAuthDbContext>();
    }

    /// <summary>Connect timeout used unless the connection string sets one: an outage must answer 503 quickly, not hang.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>
    /// Parses ConnectionStrings:Auth as an Npgsql connection string at start-up, so a leftover SQLite value
    /// (appsettings.json's default) stops the service with a message naming the key, not at the first query;
    /// and shortens the connect timeout (Npgsql's default is 15 s) unless one is given.
    /// </summary>
    public static string WithDefaults(string? connectionString)
    {
        const string key = DatabaseOptions.ConnectionStringKey;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{key} is not a PostgreSQL connection string: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new InvalidOperationException(
                $"{key} must name a PostgreSQL server when Database:Provider is PostgreSql, e.g. " +
                "\"Host=localhost;Database=auth;Username=auth;Password=...\".");
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("timeout"))
            builder.Timeout = DefaultConnectTimeoutSeconds;
        return builder.ConnectionString;
    }
}
