using Auth.Core;
using Auth.Infrastructure;
using Auth.Infrastructure.Persistence;

namespace Auth.Api.Cli;

/// <summary>
/// The service's Core and Infrastructure without the web server: same configuration sources and environment as the
/// service (appsettings*.json, environment variables), migrations applied, logs on stderr so stdout stays the
/// command's output.
/// </summary>
public static class CliHost
{
    public static async Task<IHost> StartAsync(IDictionary<string, string?>? configuration, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            // The service reads ASPNETCORE_ENVIRONMENT (dotnet run sets it from launchSettings.json): so must we.
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                              ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                              ?? Environments.Production,
        });
        if (configuration is not null)
            builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A provider-specific rule outranks appsettings' Logging:LogLevel, which is tuned for the service.
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning);

        builder.Services.AddCore();
        builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
        var host = builder.Build();

        // The hosted services are the start-up work (applying migrations). Starting them one by one, rather than the
        // host, skips start-up validation of options the CLI never uses, such as Jwt:Secret.
        foreach (var service in host.Services.GetServices<IHostedService>())
            await service.StartAsync(ct);
        // The migrator lets the service start without a database (readiness says 503); a command cannot.
        if (!host.Services.GetRequiredService<SchemaState>().IsReady)
        {
            await StopAsync(host);
            throw new InvalidOperationException("the database is unreachable (see the warning above).");
        }
        return host;
    }

    public static async Task StopAsync(IHost host)
    {
        foreach (var service in host.Services.GetServices<IHostedService>().Reverse())
            await service.StopAsync(CancellationToken.None);
        if (host is IAsyncDisposable disposable) await disposable.DisposeAsync(); else host.Dispose();
    }
}
