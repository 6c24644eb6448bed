using Auth.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Migrates the schema at start-up. When the database answers, that happens before the server takes requests.
/// When it does not, the service starts anyway (readiness stays 503) and keeps retrying in the background, waiting
/// 1 s, 2 s, 4 s ... up to Database:MigrationRetryMaxDelaySeconds between attempts, each attempt logged.
/// Errors that are not about reachability (a broken script, a wrong password) stop start-up: retrying won't fix them.
/// </summary>
public sealed class DatabaseMigrator(
    IServiceScopeFactory scopes, SchemaState state, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
    : RetryingStartupTask
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateOnceAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Database unreachable at start-up (attempt 1): {Reason} Starting anyway; /health/ready stays 503 until the schema is migrated.", e.Message);
            RetryInBackground(RetryAsync);
        }
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromSeconds(1);
        var maxDelay = TimeSpan.FromSeconds(Math.Max(1, options.Value.MigrationRetryMaxDelaySeconds));
        for (var attempt = 2; ; attempt++)
        {
            // Real time on purpose: an injected (possibly fake) TimeProvider must not stall recovery.
            try { await Task.Delay(delay, stopping); }
            catch (OperationCanceledException) { return; }
            try
            {
                await MigrateOnceAsync(stopping);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                delay = delay * 2 > maxDelay ? maxDelay : delay * 2;
                // Past start-up there is no one to stop: anything else is logged as an error and retried as well.
                if (DatabaseFaults.IsUnavailable(e))
                    logger.LogWarning("Database still unreachable (attempt {Attempt}): {Reason} Next attempt in {Delay}.", attempt, e.Message, delay);
                else
                    logger.LogError(e, "Migrating the database failed (attempt {Attempt}). Next attempt in {Delay}.", attempt, delay);
            }
        }
    }

    private async Task MigrateOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISchemaMigrator>().MigrateAsync(ct);
        state.MarkReady();
        logger.LogInformation("Database schema is up to date ({Provider})", options.Value.Provider);
    }

}
