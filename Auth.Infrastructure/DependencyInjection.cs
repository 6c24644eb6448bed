using System.Security.Cryptography;
using Auth.Core.Abstractions;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Persistence.PostgreSql;
using Auth.Infrastructure.Persistence.Sqlite;
using Auth.Infrastructure.Persistence.Stores;
using Auth.Infrastructure.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Auth.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Persistence (the configured database), bcrypt and JWT issuing.</summary>
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddPersistence(configuration, environment);
        services.AddSecurity(environment);
        return services;
    }

    private static void AddPersistence(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = ReadProvider(configuration);
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddSingleton<SchemaState>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteUnderContentRoot(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString, environment);
                services.AddDbContextPool<SqliteAuthDbContext>(o => o.UseSqlite(sqlite));
                services.AddEfStores<SqliteAuthDbContext>();
                break;
            case DatabaseProvider.PostgreSql:
                var postgres = PostgresConnectionString(connectionString);
                services.AddDbContextPool<PostgresAuthDbContext>(o => o.UseNpgsql(postgres));
                services.AddEfStores<PostgresAuthDbContext>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider '{provider}' is not available in this build. Allowed values: Sqlite, PostgreSql.");
        }
    }

    private static void AddEfStores<TContext>(this IServiceCollection services) where TContext : AuthDbContext
    {
        services.AddScoped<AuthDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IUserRepository, EfUserRepository<TContext>>();
        services.AddScoped<IRefreshTokenStore, EfRefreshTokenStore<TContext>>();
        services.AddScoped<ILoginThrottleStore, EfLoginThrottleStore<TContext>>();
        services.AddScoped<IAuditLog, EfAuditLog<TContext>>();
    }

    /// <summary>Reads Database:Provider, stopping start-up with the allowed values when it is not one of them.</summary>
    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var key = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
            return DatabaseProvider.Sqlite;
        if (Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            && !int.TryParse(value, out _))
            return provider;
        throw new InvalidOperationException(
            $"{key} is '{value}'. Allowed values: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
    }

    /// <summary>A relative SQLite file goes under the content root, wherever the process was started from.</summary>
    private static string SqliteUnderContentRoot(string connectionString, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        return builder.ToString();
    }

    /// <summary>
    /// Parses ConnectionStrings:Auth as an Npgsql connection string at start-up, so a leftover SQLite value
    /// (appsettings.json's default) stops the service with a message naming the key, not at the first query.
    /// </summary>
    private static string PostgresConnectionString(string? connectionString)
    {
        const string key = $"ConnectionStrings:{DatabaseOptions.ConnectionStringName}";
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
        return connectionString!;
    }

    private static void AddSecurity(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<PasswordOptions>().BindConfiguration(PasswordOptions.Section)
            .Validate(o => o.Cost is >= 4 and <= 31, "Password:Cost must be between 4 and 31.")
            .ValidateOnStart();
        services.AddSingleton<IPasswordHasher, BcryptPasswordHasher>();

        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        if (environment.IsDevelopment())
        {
            // Development only: a missing secret becomes a random one for this run (tokens die with the process).
            services.PostConfigure<JwtOptions>(o =>
            {
                if (!string.IsNullOrEmpty(o.Secret)) return;
                o.Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
                o.SecretIsEphemeral = true;
            });
        }
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
    }
}
