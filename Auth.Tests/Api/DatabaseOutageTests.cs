using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>
/// The test MariaDB is stopped and started around a running service (issue 3, database faults): while it is down,
/// requests that need it answer 503 problem+json quickly and readiness is 503 while liveness stays 200; when it
/// returns, the service recovers without a restart and nothing written before the outage is lost. MariaDB is started
/// again in a finally block, whatever the assertions did.
/// </summary>
[Category("Outage")]
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    private const string Password = "correct horse battery";
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    private static AuthApiFactory NewMySqlApp()
    {
        var factory = new AuthApiFactory(Backends.MySql);
        factory.Settings["Database:MigrationRetryMaxDelaySeconds"] = "1";
        return factory;
    }

    private static string NewUsername() => $"outage_{Guid.NewGuid().ToString("N")[..10]}";

    private static Task<HttpResponseMessage> SignUpAsync(HttpClient client, string username) =>
        client.PostAsJsonAsync("/api/signup", new { username, password = Password });

    private static Task<HttpResponseMessage> AuthenticateAsync(HttpClient client, string username) =>
        client.PostAsJsonAsync("/api/authenticate", new { username, password = Password });

    private static Task<HttpResponseMessage> ProfileAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    /// <summary>503 problem+json with Retry-After, answered well within the connect timeout.</summary>
    private static async Task AssertUnavailableQuicklyAsync(Func<Task<HttpResponseMessage>> send, string what)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        watch.Stop();
        await response.AssertProblemAsync(503);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero), $"{what}: Retry-After");
            Assert.That(watch.Elapsed, Is.LessThan(Quickly), $"{what} answered in {watch.Elapsed}");
        });
    }

    /// <summary>The profile check needs a token issued before the outage (a bad token is a 401 before any database work).</summary>
    private static async Task AssertDownAsync(HttpClient client, string? token)
    {
        await AssertUnavailableQuicklyAsync(() => SignUpAsync(client, NewUsername()), "signup");
        await AssertUnavailableQuicklyAsync(() => AuthenticateAsync(client, NewUsername()), "authenticate");
        if (token is not null)
            await AssertUnavailableQuicklyAsync(() => ProfileAsync(client, token), "profile");
        Assert.That((int)(await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(503), "ready while down");
        Assert.That((int)(await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(200), "live while down");
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        int status;
        do
        {
            status = (int)(await client.GetAsync("/health/ready")).StatusCode;
            if (status == 200)
                return;
            await Task.Delay(250);
        } while (deadline.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Fail($"/health/ready still {status} 30 s after MariaDB came back");
    }

    [Test]
    public async Task ARunningService_RidesOutAnOutage_AndLosesNoAccount()
    {
        using var app = NewMySqlApp();
        using var client = app.CreateClient();
        var usernames = Enumerable.Range(0, 5).Select(_ => NewUsername()).ToList();
        foreach (var username in usernames)
            await (await SignUpAsync(client, username)).JsonAsync(201);
        var token = (await (await AuthenticateAsync(client, usernames[0])).JsonAsync(200)).GetProperty("token").GetString()!;

        try
        {
            await MariaDbServer.StopAsync();
            await AssertDownAsync(client, token);
        }
        finally
        {
            await MariaDbServer.StartAsync();
        }

        await WaitUntilReadyAsync(client);
        foreach (var username in usernames)
            await (await AuthenticateAsync(client, username)).JsonAsync(200);
        await (await ProfileAsync(client, token)).JsonAsync(200);
        await (await SignUpAsync(client, NewUsername())).JsonAsync(201);
        var stored = await app.Database.ColumnAsync($"SELECT username FROM users");
        Assert.That(stored, Is.SupersetOf(usernames));
    }

    [Test]
    public async Task AServiceStartedWhileTheDatabaseIsDown_StartsAnyway_AndServesOnceItComesUp()
    {
        using var app = NewMySqlApp(); // its database is created while MariaDB is still up
        HttpClient client;
        try
        {
            await MariaDbServer.StopAsync();
            client = app.CreateClient(); // start-up must not fail or wait for the database
            await AssertDownAsync(client, token: null);
        }
        finally
        {
            await MariaDbServer.StartAsync();
        }

        using (client)
        {
            await WaitUntilReadyAsync(client);
            var username = NewUsername();
            await (await SignUpAsync(client, username)).JsonAsync(201);
            await (await AuthenticateAsync(client, username)).JsonAsync(200);
            Assert.That(await app.Database.ScalarAsync<int>($"SELECT COUNT(*) FROM `__EFMigrationsHistory`"), Is.GreaterThan(0), "migrated once the server came back");
        }
    }
}
