using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>A database setting the service cannot use stops start-up with a message that says how to fix it.</summary>
public sealed class StartupConfigurationTests
{
    private static Exception StartWith(Dictionary<string, string?> settings)
    {
        using var factory = new AuthApiFactory();
        foreach (var (key, value) in settings)
            factory.Settings[key] = value;
        return Assert.Catch(() => factory.CreateClient())!;
    }

    private static string Messages(Exception e)
    {
        var messages = new List<string>();
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
            messages.Add(x.Message);
        return string.Join(" | ", messages);
    }

    [TestCase("Oracle")]
    [TestCase("")]
    [TestCase("2")]
    [TestCase("SqlServer")]
    public void AnUnknownOrEmptyProvider_StopsStartUp_NamingTheKeyAndTheAllowedValues(string provider)
    {
        var error = StartWith(new() { ["Database:Provider"] = provider });

        Assert.That(Messages(error), Does.Contain($"Database:Provider is '{provider}'. Allowed values: Sqlite, MySql, PostgreSql."));
    }

    [TestCase("mysql")]
    [TestCase("MySql")]
    public void MySqlWithoutAConnectionString_StopsStartUp_NamingTheConnectionStringKey(string provider)
    {
        var error = StartWith(new() { ["Database:Provider"] = provider, ["ConnectionStrings:Auth"] = "" });

        Assert.That(Messages(error), Does.Contain("ConnectionStrings:Auth is required when Database:Provider is MySql"));
    }

    [Test]
    public void MySqlWithoutADatabaseName_StopsStartUp()
    {
        var error = StartWith(new() { ["Database:Provider"] = "MySql", ["ConnectionStrings:Auth"] = "Server=127.0.0.1;User ID=auth" });

        Assert.That(Messages(error), Does.Contain("ConnectionStrings:Auth must name a database"));
    }
}

/// <summary>A SQLite file that cannot be opened is the database being unavailable: 503, never a 500, and the process lives.</summary>
public sealed class UnopenableSqliteTests
{
    [Test]
    public async Task RequestsThatNeedTheDatabase_Answer503WithRetryAfter_ReadyIs503_LiveIs200()
    {
        using var factory = new AuthApiFactory();
        factory.Settings["ConnectionStrings:Auth"] = $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing-dir", "auth.db")}";
        using var client = factory.CreateClient();

        var signup = await client.PostJsonAsync("/api/signup", new { username = "someone", password = "correct horse battery" });
        await signup.AssertProblemAsync(503);
        Assert.That(signup.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That((int)(await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(503));
        Assert.That((int)(await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(200));
    }
}
