using Microsoft.Extensions.DependencyInjection;

namespace Auth.Tests.Support;

/// <summary>
/// A fresh database of <paramref name="backend"/> per fixture, emptied before each test, and a DI scope per test to
/// resolve the stores from (as a request would). Without the backend's server, the fixture is ignored outside CI and
/// fails in CI (<see cref="TestStores"/>).
/// </summary>
public abstract class StoresFixture(string backend)
{
    protected TestStores Stores { get; private set; } = null!;
    protected AsyncServiceScope Scope { get; private set; }

    protected T Resolve<T>() where T : notnull => Scope.ServiceProvider.GetRequiredService<T>();

    [OneTimeSetUp]
    public async Task CreateDatabase() => Stores = await TestStores.CreateAsync(backend);

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (Stores is not null)
            await Stores.DisposeAsync();
    }

    [SetUp]
    public async Task StartFromEmptyTables()
    {
        await Stores.ClearAsync();
        Scope = Stores.CreateScope();
    }

    [TearDown]
    public async Task EndScope() => await Scope.DisposeAsync();
}
