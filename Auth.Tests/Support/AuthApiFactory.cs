using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Auth.Tests.Support;

/// <summary>
/// The real API in memory, on a fresh database of the given backend, with a fake clock and the cheapest bcrypt
/// cost (the cost is configuration; the bcrypt tests use the real default).
/// </summary>
public sealed class AuthApiFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    public const string TestSecret = "test-only-secret-not-for-production-0123456789";

    public AuthApiFactory(string backend = Backends.Sqlite) : this(TestDatabase.Create(backend)) { }

    /// <summary>The app's database; disposed with the factory.</summary>
    public TestDatabase Database { get; } = database;

    public FakeTimeProvider Clock { get; } = new FakeTimeProvider(DateTimeOffset.UtcNow);

    /// <summary>What the app logged under its own categories; replace before the first request to capture more.</summary>
    public CapturedLogs Logs { get; set; } = new();

    /// <summary>Configuration the test class wants on top of the defaults; set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Auth", Database.ConnectionString);
        builder.UseSetting("Jwt:Secret", TestSecret);
        builder.UseSetting("Password:Cost", "4");
        // Every test here talks from one address; the rate-limit tests set their own small limits in Settings.
        foreach (var endpoint in new[] { "Authenticate", "Signup", "Refresh" })
            builder.UseSetting($"RateLimits:{endpoint}:PermitLimit", "100000");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, PeerAddressFromTestHeader>();
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Database.Dispose();
    }
}

/// <summary>
/// TestServer has no TCP peer, so every request comes from one (empty) address. A test that needs several clients
/// sends <see cref="Header"/>, which this filter turns into the connection's remote address before the app's own
/// pipeline runs, exactly where Kestrel would have put the peer's address.
/// </summary>
public sealed class PeerAddressFromTestHeader : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                context.Request.Headers.Remove(Header);
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
