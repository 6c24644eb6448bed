using Auth.Core.Services;
using Auth.Core.Users;

namespace Auth.Api.Hosting;

/// <summary>
/// Admin:Username + Admin:Password make that account the first admin at start-up while no admin exists (a fresh
/// deployment gets an admin without SQL). Runs after the migrations (hosted services start in registration order).
/// A half-set pair, an invalid name or password, or an existing account with another password stops start-up.
/// </summary>
public sealed partial class FirstAdminFromConfiguration(
    IConfiguration configuration, IServiceScopeFactory scopes, ILogger<FirstAdminFromConfiguration> logger) : IHostedService
{
    public const string UsernameKey = "Admin:Username", PasswordKey = "Admin:Password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var username = configuration[UsernameKey];
        var password = configuration[PasswordKey];
        if (string.IsNullOrEmpty(username) && string.IsNullOrEmpty(password))
            return;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            throw new InvalidOperationException($"{UsernameKey} and {PasswordKey} must be set together (or neither).");
        if (!Usernames.IsValid(username))
            throw new InvalidOperationException($"{UsernameKey}: {Usernames.InvalidMessage}");
        if (Passwords.Problem(password) is { } problem)
            throw new InvalidOperationException($"{PasswordKey}: {problem}");

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<FirstAdmin>().EnsureAsync(username, password, cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException($"{UsernameKey} '{username}': {result.Message}");
        switch (result.Value)
        {
            case FirstAdminOutcome.Created: LogCreated(logger, username); break;
            case FirstAdminOutcome.Promoted: LogPromoted(logger, username); break;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin existed: created admin account {Username} from Admin:Username")]
    private static partial void LogCreated(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin existed: made existing account {Username} admin from Admin:Username")]
    private static partial void LogPromoted(ILogger logger, string username);
}
