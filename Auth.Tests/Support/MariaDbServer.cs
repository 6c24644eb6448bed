using System.Diagnostics;

namespace Auth.Tests.Support;

/// <summary>Stops and starts the test MariaDB through scripts/test-servers.sh (same data dir and port), to simulate an outage.</summary>
public static class MariaDbServer
{
    public static Task StopAsync() => RunAsync("mariadb-stop");

    public static Task StartAsync() => RunAsync("mariadb-start");

    private static async Task RunAsync(string verb)
    {
        var script = TestServers.ServersScript;
        using var process = Process.Start(new ProcessStartInfo("bash", [script, verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{script} {verb} failed: {await output} {await errors}");
    }
}
