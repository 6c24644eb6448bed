using System.Data.Common;
using Auth.Core.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using MySql.Data.MySqlClient;

namespace Auth.Infrastructure.Persistence.MySql;

public static class MySqlPersistence
{
    /// <summary>Connect timeout used unless the connection string sets one: an outage must answer 503 quickly, not hang.</summary>
    public const uint DefaultConnectTimeoutSeconds = 5;

    /// <summary>The production backend: MySQL/MariaDB through MySql.Data + Dapper, schema from versioned SQL scripts.</summary>
    public static void AddMySqlPersistence(this IServiceCollection services, string? connectionString)
    {
        services.AddSingleton(new MySqlConnectionFactory(WithDefaults(connectionString)));
        // One lookup thread per service provider, disposed (stopped and joined) with it.
        services.AddSingleton<MySqlUserLookupBatcher>();
        services.AddSingleton<IUserRepository, MySqlUserRepository>();
        services.AddSingleton<IRefreshTokenStore, MySqlRefreshTokenStore>();
        services.AddSingleton<ILoginThrottleStore, MySqlLoginThrottleStore>();
        services.AddSingleton<IAuditLog, MySqlAuditLog>();
        services.AddSingleton<ISchemaMigrator, MySqlSchemaMigrator>();
        services.AddSingleton<IDatabaseProbe, MySqlDatabaseProbe>();
    }

    /// <summary>
    /// Checks the connection string names a database and fills in what the service relies on when it is not given:
    /// a short connect timeout and utf8mb4 on the wire.
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
        if (!IsGiven(given, "connect timeout", "connection timeout", "connectiontimeout"))
            builder.ConnectionTimeout = DefaultConnectTimeoutSeconds;
        if (!IsGiven(given, "character set", "charset"))
            builder.CharacterSet = "utf8mb4";
        return builder.ConnectionString;
    }

    private static bool IsGiven(DbConnectionStringBuilder given, params string[] keywords) =>
        keywords.Any(given.ContainsKey);
}
