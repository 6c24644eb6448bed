using Auth.Api.Cli;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>The admins' command line, run for real against the same database file as a running API.</summary>
public sealed class UserCommandTests : ApiTestBase
{
    private Task<CliRun> Users(params string[] args) => CliRunner.RunAsync(Factory.Database, ["users", .. args]);

    [Test]
    public async Task List_PrintsEveryAccountWithItsRole()
    {
        var alice = NewUsername("alice");
        var bob = NewUsername("bob");
        await SignUpAsync(alice);
        await SignUpAsync(bob);
        await SetRoleInDatabaseAsync(bob, 4);

        var run = await Users("list");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var lines = run.Out.Split('\n').Select(l => l.Trim()).ToList();
        Assert.That(lines[0], Does.Match(@"^ID\s+USERNAME\s+ROLE\s+CREATED$"));
        Assert.That(lines, Has.One.Match($@"^\d+\s+{alice}\s+user\s+\d{{4}}-"));
        Assert.That(lines, Has.One.Match($@"^\d+\s+{bob}\s+admin\s+\d{{4}}-"));
    }

    [Test]
    public async Task Promote_MakesTheUsersNextRequestPassTheAdminCheck_WithATokenIssuedBeforeThePromotion()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/admin", token)).AssertProblemAsync(403);

        var run = await Users("promote", username, "--role", "admin");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain($"{username}").And.Contain("user -> admin"));
        var json = await (await GetAsync("/api/admin", token)).JsonAsync(200);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo($"Welcome to the admin area {username}!"));
    }

    [Test]
    public async Task Promote_WithoutRole_MakesAdmin_AndMatchesTheUsernameCaseInsensitively()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        var run = await Users("promote", username.ToUpperInvariant());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        await (await GetAsync("/api/admin", token)).JsonAsync(200);
    }

    [Test]
    public async Task Promote_ToGuest_TakesAwayTheUsersArea()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        Assert.That((await Users("promote", username, "--role=guest")).ExitCode, Is.EqualTo(0));
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(403);
    }

    [Test]
    public async Task Promote_UnknownUser_Exits1WithAMessageNamingTheUser()
    {
        var run = await Users("promote", "nobody_by_this_name", "--role", "admin");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("No user named 'nobody_by_this_name'"));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task Promote_WithAnUnknownRole_Exits1ListingTheRoles_AndChangesNothing()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        var run = await Users("promote", username, "--role", "superuser");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("guest, user, admin"));
        await (await GetAsync("/api/profile", token)).JsonAsync(200);
    }

    [Test]
    public async Task Create_WithThePasswordOnStdin_MakesAnAdminWhoCanLogIn()
    {
        var username = NewUsername("root");
        var run = await CliRunner.RunAsync(Factory.Database, ["users", "create", username, "--role", "admin"], stdin: Password + "\n");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain($"Created {username}").And.Contain("admin"));
        var token = (await LoginAsync(username)).GetProperty("token").GetString();
        await (await GetAsync("/api/admin", token)).JsonAsync(200);
    }

    [Test]
    public async Task Create_WithThePasswordInTheEnvironment_MakesAUserWhoCanLogIn()
    {
        var username = NewUsername("ops");
        var run = await CliRunner.RunAsync(Factory.Database, ["users", "create", username],
            environment: new Dictionary<string, string?> { [UserCommands.PasswordVariable] = Password });

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var token = (await LoginAsync(username)).GetProperty("token").GetString();
        var me = await (await GetAsync("/api/me", token)).JsonAsync(200);
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("user"));
    }

    [Test]
    public async Task Create_WithATakenUsername_Exits1()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var run = await CliRunner.RunAsync(Factory.Database, ["users", "create", username.ToUpperInvariant()], stdin: Password);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("already taken"));
    }

    [TestCase("", TestName = "Create_WithNoPassword_Exits1_AndCreatesNothing")]
    [TestCase("short7!", TestName = "Create_WithA7BytePassword_Exits1_AndCreatesNothing")]
    public async Task Create_WithAPasswordAgainstTheRules_Exits1_AndCreatesNothing(string password)
    {
        var username = NewUsername();
        var run = await CliRunner.RunAsync(Factory.Database, ["users", "create", username], stdin: password);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("Password"));
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE username = {username}"), Is.Zero);
    }

    [Test]
    public async Task Create_WithAPasswordArgument_IsAUsageError_AndCreatesNothing()
    {
        var username = NewUsername();
        var run = await Users("create", username, "--password", Password);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("never taken as arguments"));
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE username = {username}"), Is.Zero);
    }

    [Test]
    public async Task Delete_RemovesTheAccount_AndItsTokenStopsWorking()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        var run = await Users("delete", username);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
        Assert.That((await Users("delete", username)).ExitCode, Is.EqualTo(1), "a second delete finds no user");
    }

    [TestCase("", TestName = "Users_WithNoCommand_Exits2WithUsage")]
    [TestCase("frobnicate", TestName = "Users_WithAnUnknownCommand_Exits2WithUsage")]
    [TestCase("promote", TestName = "Users_PromoteWithoutUsername_Exits2WithUsage")]
    [TestCase("list extra", TestName = "Users_ListWithAnExtraArgument_Exits2WithUsage")]
    [TestCase("promote alice --role", TestName = "Users_RoleWithoutValue_Exits2WithUsage")]
    public async Task Users_WithBadUsage_Exits2WithUsage(string arguments)
    {
        var args = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var run = await Users(args);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("Usage: Auth.Api users"));
    }

    [Test]
    public async Task TheBuiltExecutable_RunsTheCommands_WithExitCodesAndStdin()
    {
        var username = NewUsername("proc");
        var created = await CliRunner.RunProcessAsync(Factory.Database, ["users", "create", username, "--role", "admin"], stdin: Password + "\n");
        Assert.That(created.ExitCode, Is.EqualTo(0), created.ToString());
        await (await GetAsync("/api/admin", (await LoginAsync(username)).GetProperty("token").GetString())).JsonAsync(200);

        var list = await CliRunner.RunProcessAsync(Factory.Database, ["users", "list"]);
        Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
        Assert.That(list.Out, Does.Contain(username).And.StartWith("ID"), "stdout holds the listing only; logs go to stderr");

        var unknown = await CliRunner.RunProcessAsync(Factory.Database, ["users", "delete", "nobody_by_this_name"]);
        Assert.That(unknown.ExitCode, Is.EqualTo(1), unknown.ToString());
        Assert.That(unknown.Error, Does.Contain("No user named"));
    }
}

/// <summary>Admin:Username/Admin:Password make the first admin of a database that has none.</summary>
public sealed class FirstAdminConfigurationTests : ApiTestBase
{
    private const string AdminName = "first.admin";
    private const string AdminPassword = "test-only admin password"; // test-only value

    private readonly CapturedLogs _logs = new(everyCategory: true);

    protected override void Configure(AuthApiFactory factory)
    {
        factory.Settings["Admin:Username"] = AdminName;
        factory.Settings["Admin:Password"] = AdminPassword;
        factory.Logs = _logs;
    }

    [Test]
    public void StartUp_LogsThatItCreatedTheAdmin_NeverThePassword()
    {
        var created = _logs.Entries.Where(e => e.Message.Contains("created admin account")).ToList();
        Assert.That(created, Has.Count.EqualTo(1));
        Assert.That(created[0].Message, Does.Contain(AdminName));
        Assert.That(_logs.AllText, Does.Not.Contain(AdminPassword));
    }

    [Test]
    public async Task StartUp_WithAdminConfiguration_CreatesThatAdmin_WhoCanUseTheAdminArea()
    {
        var token = (await LoginAsync(AdminName, AdminPassword)).GetProperty("token").GetString();
        var json = await (await GetAsync("/api/admin", token)).JsonAsync(200);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo($"Welcome to the admin area {AdminName}!"));
    }

    [Test]
    public async Task TheCommandLine_RefusesToDemoteTheOnlyAdmin_Exit1()
    {
        var run = await CliRunner.RunAsync(Factory.Database, ["users", "promote", AdminName, "--role", "user"]);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("no admin"));
        var token = (await LoginAsync(AdminName, AdminPassword)).GetProperty("token").GetString();
        await (await GetAsync("/api/admin", token)).JsonAsync(200);
    }

    [Test]
    public async Task ARestart_WithAnAdminPresent_ChangesNothing()
    {
        using var restarted = Factory.WithWebHostBuilder(b => b.UseSetting("Admin:Username", "someone.else"));
        using var client = restarted.CreateClient();
        var response = await client.PostJsonAsync("/api/authenticate", new { username = "someone.else", password = AdminPassword });
        await response.AssertProblemAsync(401);
    }
}

/// <summary>An account that already has the configured name is made admin only with the configured password.</summary>
public sealed class FirstAdminExistingAccountTests : ApiTestBase
{
    [Test]
    public async Task AnExistingAccount_IsPromotedOnlyWithItsOwnPassword_OtherwiseStartUpStopsWithTheReason()
    {
        var owner = NewUsername("boss");
        await SignUpAsync(owner);
        var token = (await LoginAsync(owner)).GetProperty("token").GetString();

        using (var misconfigured = Factory.WithWebHostBuilder(b => b
                   .UseSetting("Admin:Username", owner).UseSetting("Admin:Password", "not the owner's password")))
        {
            var failure = Assert.Throws<InvalidOperationException>(() => misconfigured.CreateClient());
            Assert.That(failure!.Message, Does.Contain("not its password"));
        }
        await (await GetAsync("/api/admin", token)).AssertProblemAsync(403);

        using (var configured = Factory.WithWebHostBuilder(b => b
                   .UseSetting("Admin:Username", owner).UseSetting("Admin:Password", Password)))
        {
            configured.CreateClient().Dispose();
        }
        await (await GetAsync("/api/admin", token)).JsonAsync(200);
    }
}
