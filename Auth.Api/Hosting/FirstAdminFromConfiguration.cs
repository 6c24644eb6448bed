using Auth.Core.Common;
using Auth.Core.Services;
using Auth.Infrastructure.Hosting;
using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Auth.Api.Hosting;

/// <summary>
/// Admin:Username + Admin:Password make that account the first admin at start-up while no admin exists (a fresh
/// deployment gets an admin without SQL). Runs after the migrations (hosted services start in registration order).
/// The settings themselves are checked before (AdminOptionsValidator); an existing account with another password
/// stops start-up. While the database is unreachable the service starts anyway and this retries in the background.
/// </summary>
public sealed partial class FirstAdminFromConfiguration(
    IOptions<AdminOptions> options, IServiceScopeFactory scopes, SchemaState schema, ILogger<FirstAdminFromConfiguration> logger) : RetryingStartupTask
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsSet)
            return;
        var (username, password) = (options.Value.Username!, options.Value.Password!);

        Result<FirstAdminOutcome> result;
        try
        {
            result = await EnsureOnceAsync(username, password, cancellationToken);
        }
        catch (Exception e) when (!schema.IsReady && !cancellationToken.IsCancellationRequested)
        {
            // The database was unreachable at start-up (the migrator keeps retrying and readiness says 503): the
            // service starts anyway and the first admin is made as soon as the database answers. With the schema
            // in place, an exception is a fault and stops start-up.
            LogRetrying(logger, e.Message);
            RetryInBackground(stopping => RetryAsync(username, password, stopping));
            return;
        }
        if (!result.Succeeded)
            throw new InvalidOperationException($"Admin:Username '{username}': {result.Message}");
        LogOutcome(result.Value, username);
    }

    private async Task<Result<FirstAdminOutcome>> EnsureOnceAsync(string username, string password, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FirstAdmin>().EnsureAsync(username, password, ct);
    }

    private async Task RetryAsync(string username, string password, CancellationToken stopping)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stopping);
                var result = await EnsureOnceAsync(username, password, stopping);
                if (result.Succeeded)
                    LogOutcome(result.Value, username);
                else
                    LogRefused(logger, username, result.Message);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
                LogRetrying(logger, e.Message);
            }
        }
    }

    private void LogOutcome(FirstAdminOutcome outcome, string username)
    {
        switch (outcome)
        {
            case FirstAdminOutcome.Created: LogCreated(logger, username); break;
            case FirstAdminOutcome.Promoted: LogPromoted(logger, username); break;
        }
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin:Username: the database is not ready ({Reason}); the first admin will be made when it is")]
    private static partial void LogRetrying(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin:Username '{Username}' was not made admin: {Reason}")]
    private static partial void LogRefused(ILogger logger, string username, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin existed: created admin account {Username} from Admin:Username")]
    private static partial void LogCreated(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin existed: made existing account {Username} admin from Admin:Username")]
    private static partial void LogPromoted(ILogger logger, string username);
}
