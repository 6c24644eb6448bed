using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Support;

/// <summary>
/// The real API in memory, on a fresh database of the given backend, with a fake clock and the cheapest bcrypt
/// cost (the cost is configuration; the bcrypt tests use the real default).
/// </summary>
public sealed class AuthApiFactory(string backend = Backends.Sqlite) : WebApplicationFactory<Program>
{
    public const string TestSecret = "test-only-secret-not-for-production-0123456789";

    public TestDatabase Database { get; } = TestDatabase.Create(backend);

    public FakeClock Clock { get; } = FakeClock.StartingNow();

    /// <summary>Set before the first request to capture every log line of the app (see CapturedLogs).</summary>
    public CapturedLogs? Logs { get; set; }

    /// <summary>Configuration the test class wants on top of the defaults; set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Auth", Database.ConnectionString);
        builder.UseSetting("Jwt:Secret", TestSecret);
        builder.UseSetting("Password:Cost", "4");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (Logs is not null)
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Database.Dispose();
    }
}
