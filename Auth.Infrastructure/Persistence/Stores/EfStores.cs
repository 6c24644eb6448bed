using Auth.Core.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Persistence.Stores;

public static class EfStores
{
    /// <summary>Every store, the migrator and the probe on one provider's (pooled) context: the same code on every backend.</summary>
    public static void AddEfStores<TContext>(this IServiceCollection services) where TContext : AuthDbContext
    {
        services.AddScoped<AuthDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IUserRepository, EfUserRepository<TContext>>();
        services.AddScoped<IRefreshTokenStore, EfRefreshTokenStore<TContext>>();
        services.AddScoped<ISessionStore, EfSessionStore<TContext>>();
        services.AddScoped<ILoginThrottleStore, EfLoginThrottleStore<TContext>>();
        services.AddScoped<IAuditLog, EfAuditLog<TContext>>();
        services.AddScoped<ISigningKeyStore, EfSigningKeyStore<TContext>>();
        services.AddScoped<ISchemaMigrator, SchemaMigrator>();
        services.AddScoped<IDatabaseProbe, DatabaseProbe>();
    }
}
