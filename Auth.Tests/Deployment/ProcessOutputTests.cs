using System.Text.Json;
using Auth.Api.Logging;
using Auth.Tests.Support;

namespace Auth.Tests.Deployment;

/// <summary>
/// The built API as its own process, as an operator runs it: what it writes to stdout while it serves and when it is
/// stopped.
/// </summary>
public sealed class ProcessOutputTests
{
    private DirectoryInfo _home = null!;

    [SetUp]
    public void CreateHome() => _home = Directory.CreateTempSubdirectory("auth-home-");

    [TearDown]
    public void DeleteHome() => _home.Delete(recursive: true);

    private ApiProcess Start(params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _home.FullName, // ASP.NET Core's data protection keeps its key ring there, not in the user's home
            ["Jwt__Secret"] = "process-output-test-secret-0123456789abcdef",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Auth"] = $"Data Source={Path.Combine(_home.FullName, "auth.db")}",
            ["Password__Cost"] = "4",
        };
        foreach (var (key, value) in extra)
            environment[key] = value;
        return ApiProcess.Start("api", environment);
    }

    private static async Task SendAsync(ApiProcess api, string correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(RequestLogging.HeaderName, correlationId);
        using var response = await api.Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task ARequestsLogLine_ReachesStdout_WhileTheServiceKeepsRunning()
    {
        using var api = Start();
        await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var id = "live-" + Guid.NewGuid().ToString("N")[..12];
        await SendAsync(api, id);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!api.Output.Contains(id) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.That(api.Output, Does.Contain($"HTTP GET /health/live responded 200 in").And.Contain($"[{id}]"));
    }

    [Test]
    public async Task WithTheJsonFormatter_ARequestsLineIsOneJsonObject_CarryingTheCorrelationIdAsAScope_InUtc()
    {
        using var api = Start(("Logging__Console__FormatterName", "json"));
        await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var id = "json-" + Guid.NewGuid().ToString("N")[..12];
        await SendAsync(api, id);

        JsonElement? line = null;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((line = RequestLine(api.Output, id)) is null && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        Assert.That(line, Is.Not.Null, $"no JSON request line for {id} in:\n{api.Output}");
        var json = line!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("Message").GetString(), Does.Contain("HTTP GET /health/live responded 200 in"));
            Assert.That(json.GetProperty("Scopes").EnumerateArray()
                .Any(s => s.TryGetProperty("CorrelationId", out var scoped) && scoped.GetString() == id), Is.True,
                "every line of the request carries its id as a scope field");
            Assert.That(json.GetProperty("Timestamp").GetString(), Does.EndWith("Z"));
        });
    }

    /// <summary>The JSON line the request logger wrote for this correlation id, if stdout has it yet.</summary>
    private static JsonElement? RequestLine(string output, string correlationId)
    {
        foreach (var text in output.Split('\n'))
        {
            if (!text.StartsWith('{') || !text.Contains(correlationId))
                continue;
            var json = JsonDocument.Parse(text).RootElement;
            if (json.GetProperty("Category").GetString() == typeof(RequestLogging).FullName)
                return json;
        }
        return null;
    }

    [Test]
    public async Task OnSigterm_EveryLineLoggedBeforeExit_IsWritten()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("The test stops the process with SIGTERM (libc kill): Linux only.");
        var api = Start();
        try
        {
            await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            var ids = Enumerable.Range(0, 50).Select(n => $"burst-{n}-" + Guid.NewGuid().ToString("N")[..8]).ToList();
            await Task.WhenAll(ids.Select(id => SendAsync(api, id)));

            await api.StopAsync(TimeSpan.FromSeconds(30)); // no wait before: lines still gathering must be written too

            var output = api.Output;
            Assert.That(ids.Where(id => !output.Contains($"[{id}]")), Is.Empty, "request lines missing from stdout");
            Assert.That(output, Does.Contain("Application is shutting down"));
        }
        finally
        {
            api.Dispose();
        }
    }
}
