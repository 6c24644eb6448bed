using Auth.Core;
using Auth.Core.Abstractions;
using Auth.Infrastructure;
using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Auth.Tests.Support;

/// <summary>
/// The stores of one backend composed exactly as the service composes them (AddInfrastructure), on a fresh test
/// database whose schema is migrated by that backend's own migrator.
/// </summary>
public sealed class TestStores : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsDatabase;

    private TestStores(TestDatabase database, ServiceProvider services, bool ownsDatabase)
    {
        Database = database;
        _services = services;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    /// <summary>A fresh database of the backend, migrated; dropped on dispose.</summary>
    public static async Task<TestStores> CreateAsync(string backend)
    {
        var database = TestDatabase.Create(backend);
        try
        {
            var stores = Compose(database, ownsDatabase: true);
            await stores.MigrateAsync();
            return stores;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Another instance of the service on a database the caller owns (left as it is: not migrated, not dropped).</summary>
    public static TestStores OnExisting(TestDatabase database) => Compose(database, ownsDatabase: false);

    private static TestStores Compose(TestDatabase database, bool ownsDatabase)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:Auth"] = database.ConnectionString,
            ["Jwt:Secret"] = AuthApiFactory.TestSecret,
        }).Build();
        var environment = new HostingEnvironment { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory };
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(TimeProvider.System)
            .AddSingleton<IConfiguration>(configuration)
            .AddCore() // the audit trail, which key maintenance writes to
            .AddInfrastructure(configuration, environment)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        return new TestStores(database, services, ownsDatabase);
    }

    /// <summary>
    /// <paramref name="count"/> instances of the service starting on one database at the same moment: each runs its
    /// start-up migration concurrently with the others.
    /// </summary>
    public static async Task StartTogetherAsync(TestDatabase database, int count)
    {
        var instances = Enumerable.Range(0, count).Select(_ => OnExisting(database)).ToArray();
        try
        {
            await Task.WhenAll(instances.Select(i => Task.Run(() => i.MigrateAsync())));
        }
        finally
        {
            foreach (var instance in instances)
                await instance.DisposeAsync();
        }
    }

    /// <summary>What the service does at start-up: the backend's schema migrator.</summary>
    public async Task MigrateAsync()
    {
        await using var scope = CreateScope();
        await scope.ServiceProvider.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
    }

    /// <summary>A unit of work, like one HTTP request: EF stores share a context inside it, so concurrent work needs one each.</summary>
    public AsyncServiceScope CreateScope() => _services.CreateAsyncScope();

    /// <summary>Runs one operation on a store from its own scope (for concurrency tests).</summary>
    public async Task<TResult> InOwnScopeAsync<TStore, TResult>(Func<TStore, Task<TResult>> operation) where TStore : notnull
    {
        await using var scope = CreateScope();
        return await operation(scope.ServiceProvider.GetRequiredService<TStore>());
    }

    /// <summary>Empties every table (children first), so each test starts from nothing on the fixture's database.</summary>
    public async Task ClearAsync()
    {
        foreach (var table in new[] { "audit_events", "login_throttles", "refresh_tokens", "users" })
            await Database.ExecuteAsync(System.Runtime.CompilerServices.FormattableStringFactory.Create("DELETE FROM " + table));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDatabase)
            Database.Dispose();
    }
}
