using System.Data.Common;
using Auth.Infrastructure.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace Auth.Infrastructure.Persistence.MySql;

public static class MySqlPersistence
{
    /// <summary>Connect timeout used unless the connection string sets one: an outage must answer 503 quickly, not hang.</summary>
    public const uint DefaultConnectTimeoutSeconds = 5;

    /// <summary>
    /// The production backend: EF Core through Pomelo. The server version shapes the SQL Pomelo writes; it comes from
    /// Database:ServerVersion (e.g. "8.4.0-mysql", "10.11.6-mariadb") or, when that is not set, from asking the server
    /// once, when the first context is created (the start-up migration, which retries while the server is down).
    /// </summary>
    public static void AddMySqlPersistence(this IServiceCollection services, string? connectionString, string? serverVersion)
    {
        var mySql = WithDefaults(connectionString);
        var configured = ParseServerVersion(serverVersion);
        services.AddDbContextPool<MySqlAuthDbContext>(o =>
            o.UseMySql(mySql, configured ?? ServerVersion.AutoDetect(mySql)).LogConnectionErrorsAsWarnings());
        services.AddEfStores<MySqlAuthDbContext>();
    }

    private static ServerVersion? ParseServerVersion(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (ServerVersion.TryParse(value, out var version))
            return version;
        throw new InvalidOperationException(
            $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ServerVersion)} is '{value}'. Expected a version and a type, e.g. \"8.4.0-mysql\" or \"10.11.6-mariadb\".");
    }

    /// <summary>
    /// Checks the connection string names a database and fills in what the service relies on when it is not given:
    /// a short connect timeout.
    /// </summary>
    public static string WithDefaults(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"{DatabaseOptions.ConnectionStringKey} is required when Database:Provider is MySql, e.g. " +
                "\"Server=127.0.0.1;Port=3306;Database=auth;User ID=auth;Password=...\".");

        // The generic builder only holds the keys that were written, so "not given" can be told from "default".
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{DatabaseOptions.ConnectionStringKey} is not a valid MySQL connection string: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
            throw new InvalidOperationException($"{DatabaseOptions.ConnectionStringKey} must name a database (Database=...).");
        if (!new[] { "connect timeout", "connection timeout", "connectiontimeout", "connecttimeout" }.Any(given.ContainsKey))
            builder.ConnectionTimeout = DefaultConnectTimeoutSeconds;
        return builder.ConnectionString;
    }
}
