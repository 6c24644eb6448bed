using Auth.Api.Cli;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>The admin tooling while the database cannot be reached (nothing listens on port 1).</summary>
public sealed class DatabaseDownAdminTests
{
    private static readonly Dictionary<string, string?> Unreachable = new()
    {
        ["Database:Provider"] = "MySql",
        ["ConnectionStrings:Auth"] = "Server=127.0.0.1;Port=1;Database=auth;User ID=auth;Password=test-only;Connection Timeout=2",
    };

    [Test]
    public async Task Users_WhenTheDatabaseIsUnreachable_Exits3WithAOneLineReason()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(new StringReader(""), output, error, inputIsTerminal: false, _ => null);

        var code = await UserCommands.RunAsync(["users", "list"], console, Unreachable);

        Assert.That(code, Is.EqualTo(3), error.ToString());
        Assert.That(error.ToString(), Does.Contain("users: ").And.Contain("unreachable").And.Not.Contain("   at "));
        Assert.That(output.ToString(), Is.Empty);
    }

    [Test]
    public async Task StartUp_WithAdminConfiguration_AndTheDatabaseDown_StillStarts_AndIsNotReady()
    {
        using var factory = new AuthApiFactory();
        foreach (var (key, value) in Unreachable)
            factory.Settings[key] = value;
        factory.Settings["Admin:Username"] = "first.admin";
        factory.Settings["Admin:Password"] = "test-only admin password";
        using var client = factory.CreateClient();

        Assert.That((int)(await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(503));
    }
}
