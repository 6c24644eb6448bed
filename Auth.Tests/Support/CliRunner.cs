using System.Diagnostics;
using Auth.Api.Cli;

namespace Auth.Tests.Support;

/// <summary>What a run of the command line printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>Runs the admins' command line against a test database: in-process, or as the built executable.</summary>
public static class CliRunner
{
    /// <summary>The entry point Program.cs calls, with captured streams, piped stdin and the given environment.</summary>
    public static async Task<CliRun> RunAsync(TestDatabase database, string[] args, string? stdin = null,
        IDictionary<string, string?>? environment = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(new StringReader(stdin ?? ""), output, error, inputIsTerminal: false,
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);
        var code = await UserCommands.RunAsync(args, console, Configuration(database));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary><c>keys ...</c> in-process, with the service's Jwt settings (the secret encrypts a new key).</summary>
    public static async Task<CliRun> RunKeysAsync(TestDatabase database, string[] args, IDictionary<string, string?>? settings = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(new StringReader(""), output, error, inputIsTerminal: false, _ => null);
        var configuration = Configuration(database);
        configuration["Jwt:Secret"] = AuthApiFactory.TestSecret;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        var code = await KeyCommands.RunAsync(args, console, configuration);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Dictionary<string, string?> Configuration(TestDatabase database) => new()
    {
        ["Database:Provider"] = database.Provider,
        ["ConnectionStrings:Auth"] = database.ConnectionString,
        ["Password:Cost"] = "4",
    };

    /// <summary>The built Auth.Api.dll run by `dotnet`, as an admin at a terminal would, with stdin piped.</summary>
    public static async Task<CliRun> RunProcessAsync(TestDatabase database, string[] args, string? stdin = null,
        IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ApiDll)!,
        };
        info.ArgumentList.Add(ApiDll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in Configuration(database))
            info.Environment[key.Replace(":", "__")] = value;
        info.Environment.Remove("AUTH_ADMIN_PASSWORD");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            info.Environment[key] = value;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Auth.Api's own build output, beside this test project's (same configuration).</summary>
    private static string ApiDll
    {
        get
        {
            var testDir = TestContext.CurrentContext.TestDirectory; // .../Auth.Tests/bin/<Configuration>/net10.0
            var apiDir = testDir.Replace($"{Path.DirectorySeparatorChar}Auth.Tests{Path.DirectorySeparatorChar}",
                $"{Path.DirectorySeparatorChar}Auth.Api{Path.DirectorySeparatorChar}");
            var dll = Path.Combine(apiDir, "Auth.Api.dll");
            if (!File.Exists(dll))
                throw new FileNotFoundException("Build Auth.Api first (dotnet build Auth.sln).", dll);
            return dll;
        }
    }
}
