using Auth.Core.Abstractions;
using Auth.Infrastructure;
using Auth.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Persistence;

/// <summary>A client that goes away mid-request is not a database error: nothing is logged at Error or above.</summary>
public sealed class CancelledRequestLoggingTests
{
    [Test]
    public async Task AQueryWhoseRequestWasAborted_IsCancelled_AndLogsNoError()
    {
        using var database = TestDatabase.Create(Backends.Sqlite);
        var logs = new CapturedLogs(everyCategory: true);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:Auth"] = database.ConnectionString,
            ["Jwt:Secret"] = AuthApiFactory.TestSecret,
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton(TimeProvider.System)
            .AddInfrastructure(configuration, new HostingEnvironment { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory })
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => users.FindByNormalizedUsernameAsync("ALICE", aborted.Token));

        Assert.That(logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"), Is.Empty);
        Assert.That(logs.Entries.Any(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)), Is.True,
            "EF Core's own log lines reach the captured providers, so an error would have shown");
    }
}
