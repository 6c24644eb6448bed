using Auth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Tests.Support;

/// <summary>
/// The real API in memory, on its own SQLite file, with a fake clock and the cheapest bcrypt cost (the cost is
/// configuration; the bcrypt tests use the real default).
/// </summary>
public sealed class AuthApiFactory : WebApplicationFactory<Program>
{
    public const string TestSecret = "test-only-secret-not-for-production-0123456789";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"auth-tests-{Guid.NewGuid():N}.db");

    public FakeClock Clock { get; } = FakeClock.StartingNow();

    /// <summary>Configuration the test class wants on top of the defaults; set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public string ConnectionString => $"Data Source={_databasePath}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Auth", ConnectionString);
        builder.UseSetting("Jwt:Secret", TestSecret);
        builder.UseSetting("Password:Cost", "4");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Runs SQL against the service's database the way an admin at a SQL prompt would.</summary>
    public async Task<int> ExecuteSqlAsync(FormattableString sql)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return await db.Database.ExecuteSqlInterpolatedAsync(sql);
    }

    public async Task<T> QueryAsync<T>(Func<AuthDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AuthDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
    }
}
