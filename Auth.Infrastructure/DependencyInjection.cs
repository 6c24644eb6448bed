using Auth.Core.Abstractions;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Persistence.MySql;
using Auth.Infrastructure.Persistence.PostgreSql;
using Auth.Infrastructure.Persistence.Sqlite;
using Auth.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(10));

        // One case per backend: each registers its pooled context, then the same EF stores (AddEfStores).
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddSqlitePersistence(connectionString, environment);
                break;
            case DatabaseProvider.MySql:
                services.AddMySqlPersistence(connectionString,
                    configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ServerVersion)}"]);
                break;
            case DatabaseProvider.PostgreSql:
                services.AddPostgresPersistence(connectionString);
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' has no registration.");
        }
    }

    /// <summary>
    /// Reads Database:Provider. Absent means the default, Sqlite; a value that is empty or not one of the backends
    /// stops start-up naming the key and the allowed values (an empty value usually is an unset variable in a deployment).
    /// </summary>
    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var key = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}";
        var value = configuration[key];
        if (value is null)
            return DatabaseProvider.Sqlite;
        if (Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            && !int.TryParse(value, out _))
            return provider;
        throw new InvalidOperationException(
            $"{key} is '{value}'. Allowed values: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
    }

    private static void AddSecurity(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<PasswordOptions>().BindConfiguration(PasswordOptions.Section)
            .Validate(o => o.Cost is >= 4 and <= 31, "Password:Cost must be between 4 and 31.")
            .ValidateOnStart();
        services.AddSingleton<IBcryptEngine>(sp => BcryptEngines.Select(
            sp.GetRequiredService<IOptions<PasswordOptions>>().Value.BcryptEngine,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BcryptEngines).FullName!)));
        services.AddSingleton<BcryptPasswordHasher>();
        services.AddSingleton<IPasswordHasher>(sp => sp.GetRequiredService<BcryptPasswordHasher>());
        // Choose (and log) the engine while starting, not on the first login.
        services.AddHostedService<BcryptEngineStartup>();

        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        if (environment.IsDevelopment())
            services.AddSingleton<IPostConfigureOptions<JwtOptions>, EphemeralJwtSecret>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
    }
}
