using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Auth.Infrastructure.Persistence;

/// <summary>Ready means: the schema has been migrated and the database answers now.</summary>
public sealed class DatabaseHealthCheck(IDatabaseProbe probe, SchemaState schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!schema.IsReady)
            return HealthCheckResult.Unhealthy("Migrations have not been applied yet.");
        try
        {
            await probe.PingAsync(ct);
            return HealthCheckResult.Healthy("Database reachable.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The exception goes to the health-check log, not into the public response body.
            return HealthCheckResult.Unhealthy("Database unreachable.", e);
        }
    }
}
