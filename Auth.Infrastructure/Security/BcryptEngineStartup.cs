namespace Auth.Infrastructure.Security;

/// <summary>Resolves the engine during start-up so the choice (and a Native misconfiguration) shows before any request.</summary>
public sealed class BcryptEngineStartup(IBcryptEngine engine) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(engine);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
