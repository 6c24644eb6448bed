using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Auth.Tests.Support;

/// <summary>
/// The built API (Auth.Api/bin/&lt;configuration&gt;/net10.0/Auth.Api.dll) running as its own process on a loopback port,
/// configured only through environment variables, as an operator would run it.
/// </summary>
public sealed class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public string Name { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    private ApiProcess(string name, Process process, Uri baseAddress)
    {
        (Name, _process, BaseAddress) = (name, process, baseAddress);
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>What the process wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static ApiProcess Start(string name, IReadOnlyDictionary<string, string> environment)
    {
        var (apiDirectory, dll) = LocateBuiltApi();
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(DotnetHost(), [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = apiDirectory, // the content root: appsettings.json and wwwroot
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var variable in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(variable);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var api = new ApiProcess(name, process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Polls /health/ready until it answers 200; fails with the process's output if it exits or times out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                Assert.Fail($"{Name} exited with code {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: keep polling until the deadline.
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{Name} was not ready within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>
    /// Stops the process as an orchestrator does (SIGTERM), waits for it to exit and for its stdout and stderr to be
    /// read to the end, and returns its exit code. Linux only.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("SIGTERM is sent through libc's kill(2).");
        if (Kill(_process.Id, Sigterm) != 0)
            Assert.Fail($"kill({_process.Id}, SIGTERM) failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token); // also waits until the output is read to its end
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} did not exit within {timeout.TotalSeconds} s of SIGTERM:\n{Output}");
        }
        return _process.ExitCode;
    }

    private const int Sigterm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>The API project's build output for the configuration these tests were built in.</summary>
    private static (string ApiDirectory, string Dll) LocateBuiltApi()
    {
        var testBin = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); // .../Auth.Tests/bin/<config>/<tfm>
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Auth.sln")))
            root = root.Parent;
        Assert.That(root, Is.Not.Null, $"no Auth.sln above {testBin.FullName}");
        var apiDirectory = Path.Combine(root!.FullName, "Auth.Api");
        var dll = Path.Combine(apiDirectory, "bin", configuration, framework, "Auth.Api.dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} is missing: build the solution first (dotnet build)");
        return (apiDirectory, dll);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
