using System.Net.Http.Json;
using Auth.Api.Cli;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>users set-password, reset-code, disable and enable, run for real against the database of a running API.</summary>
public sealed class LifecycleCommandTests : ApiTestBase
{
    private const string NewPassword = "set by the operator";

    private Task<CliRun> Users(string[] args, string? stdin = null, Dictionary<string, string?>? environment = null) =>
        CliRunner.RunAsync(Factory.Database, ["users", .. args], stdin: stdin, environment: environment);

    [Test]
    public async Task SetPassword_FromStdin_SetsIt_AndEndsEverySession()
    {
        var (username, _, token) = await NewSignedInUserAsync();

        var run = await Users(["set-password", username], stdin: NewPassword + "\n");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain(username).And.Contain("every session ended"));
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
        await (await AuthenticateAsync(username, Password)).AssertProblemAsync(401);
        await (await AuthenticateAsync(username, NewPassword)).JsonAsync(200);
    }

    [Test]
    public async Task SetPassword_FromTheEnvironment_Works_AndABadPasswordExits1()
    {
        var (username, _, _) = await NewSignedInUserAsync();

        var refused = await Users(["set-password", username], stdin: "short\n");
        Assert.That(refused.ExitCode, Is.EqualTo(UserCommands.Refused), refused.ToString());
        Assert.That(refused.Error, Does.Contain("at least 8 bytes"));
        await (await AuthenticateAsync(username, Password)).JsonAsync(200);

        var run = await Users(["set-password", username], environment: new() { [UserCommands.PasswordVariable] = NewPassword });
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        await (await AuthenticateAsync(username, NewPassword)).JsonAsync(200);
    }

    [Test]
    public async Task ResetCode_PrintsOnlyTheCodeOnStdout_AndItWorksAtPasswordReset()
    {
        var (username, _, _) = await NewSignedInUserAsync();

        var run = await Users(["reset-code", username]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var code = run.Out.Trim();
        Assert.That(code, Does.Match("^[A-Za-z0-9_-]{22,}$"));
        Assert.That(run.Error, Does.Contain(username).And.Contain("/reset"));
        await (await Client.PostAsJsonAsync("/api/password/reset", new { username, code, newPassword = NewPassword })).JsonAsync(200);
    }

    [Test]
    public async Task Disable_EndsTheLiveSession_AndEnable_LetsTheAccountLogInAgain()
    {
        var (username, _, token) = await NewSignedInUserAsync();

        var disabled = await Users(["disable", username]);

        Assert.That(disabled.ExitCode, Is.EqualTo(0), disabled.ToString());
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
        await (await AuthenticateAsync(username)).AssertProblemAsync(403);

        var enabled = await Users(["enable", username.ToUpperInvariant()]);
        Assert.That(enabled.ExitCode, Is.EqualTo(0), enabled.ToString());
        await (await AuthenticateAsync(username)).JsonAsync(200);
    }

    [Test]
    public async Task Disable_TheOnlyActiveAdmin_Exits1()
    {
        using var factory = new AuthApiFactory();
        using var client = factory.CreateClient();
        var username = NewUsername("only");
        await (await client.PostAsJsonAsync("/api/signup", new { username, password = Password })).JsonAsync(201);
        await factory.Database.ExecuteAsync($"UPDATE users SET role = 4 WHERE username = {username}");

        var run = await CliRunner.RunAsync(factory.Database, ["users", "disable", username]);

        Assert.That(run.ExitCode, Is.EqualTo(UserCommands.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain("no active admin"));
    }

    [TestCase("set-password")]
    [TestCase("reset-code")]
    [TestCase("disable")]
    [TestCase("enable")]
    public async Task EachCommand_ForAnUnknownUser_Exits1_AndWithoutAName_Exits2(string command)
    {
        var unknown = await Users([command, "nobody_by_this_name"], stdin: NewPassword + "\n");
        Assert.That(unknown.ExitCode, Is.EqualTo(UserCommands.Refused), unknown.ToString());
        Assert.That(unknown.Error, Does.Contain("No user named 'nobody_by_this_name'"));

        var usage = await Users([command]);
        Assert.That(usage.ExitCode, Is.EqualTo(UserCommands.UsageError), usage.ToString());
        Assert.That(usage.Error, Does.Contain($"'{command}' needs a username"));

        var role = await Users([command, "someone", "--role", "admin"]);
        Assert.That(role.ExitCode, Is.EqualTo(UserCommands.UsageError), role.ToString());
    }
}
