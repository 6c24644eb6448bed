using System.Collections.Concurrent;

namespace Auth.Tests.Support;

/// <summary>
/// Real servers the tests are given through environment variables (scripts/test-servers.sh prints them).
/// Outside CI a missing server ignores the test with a message saying how to run it, and the run ends with one
/// line per missing server (<see cref="Auth.Tests.MissingServersReport"/>); in CI (CI=true) it fails.
/// </summary>
public static class TestServers
{
    public const string HowToRun = "Run every suite with its servers: bash scripts/test-all.sh " +
                                   "(or eval \"$(scripts/test-servers.sh up)\" && dotnet test).";

    /// <summary>Per missing variable: what it names, and the test classes ignored for want of it.</summary>
    private static readonly ConcurrentDictionary<string, (string What, ConcurrentDictionary<string, byte> Skipped)> Missing = new();

    public static bool InCi =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    public static string MySql => Require("AUTH_TEST_MYSQL", "a MariaDB/MySQL server");
    public static string Postgres => Require("AUTH_TEST_POSTGRES", "a PostgreSQL server");
    /// <summary>scripts/test-servers.sh of the running servers, for tests that stop and start them (outages).</summary>
    public static string ServersScript => Require("AUTH_TEST_SERVERS_SCRIPT", "the test-servers script of the running servers");
    public static string Chromium => Require("AUTH_TEST_CHROMIUM", "Chromium (apt-get install chromium)");

    public static string Require(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
            return value;
        var message = $"Needs {what}: set {variable}. {HowToRun}";
        if (InCi)
            Assert.Fail($"{message} In CI every server is required.");
        var test = TestContext.CurrentContext.Test;
        var name = (test.ClassName ?? test.FullName).Split('.').Last();
        Missing.GetOrAdd(variable, _ => (what, new ConcurrentDictionary<string, byte>())).Skipped.TryAdd(name, 0);
        Assert.Ignore(message);
        return null!; // unreachable: Assert.Ignore throws
    }

    /// <summary>One line per server that was missing: what it is, which test classes were skipped for it.</summary>
    public static IEnumerable<string> MissingServerLines() =>
        Missing.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m =>
            $"{m.Key} is not set, so the tests needing {m.Value.What} were skipped: " +
            $"{string.Join(", ", m.Value.Skipped.Keys.Order(StringComparer.Ordinal))}.");
}
