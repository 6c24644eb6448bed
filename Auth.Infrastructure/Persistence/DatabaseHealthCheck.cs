using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Auth.Infrastructure.Persistence;

/// <summary>Ready means: the schema has been migrated and the database answers now.</summary>
public sealed class DatabaseHealthCheck(AuthDbContext db, SchemaState schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!schema.IsReady)
            return HealthCheckResult.Unhealthy("Migrations have not been applied yet.");
        return await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy("Database reachable.")
            : HealthCheckResult.Unhealthy("Database unreachable.");
    }
}
