using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>
/// Per-client-IP limits on authenticate, signup and refresh, set small here (the factory raises them for every other
/// fixture). Each test speaks from its own address, so each starts with a full budget.
/// </summary>
public sealed class RateLimitTests : ApiTestBase
{
    private const int AuthenticateLimit = 3, SignupLimit = 2, RefreshLimit = 4, RefreshWindowSeconds = 2;
    private static int _address;

    protected override void Configure(AuthApiFactory factory)
    {
        factory.Settings["RateLimits:Authenticate:PermitLimit"] = AuthenticateLimit.ToString();
        factory.Settings["RateLimits:Authenticate:WindowSeconds"] = "60";
        factory.Settings["RateLimits:Signup:PermitLimit"] = SignupLimit.ToString();
        factory.Settings["RateLimits:Signup:WindowSeconds"] = "60";
        factory.Settings["RateLimits:Refresh:PermitLimit"] = RefreshLimit.ToString();
        factory.Settings["RateLimits:Refresh:WindowSeconds"] = RefreshWindowSeconds.ToString();
    }

    private static string NewClientAddress() => $"198.51.100.{Interlocked.Increment(ref _address)}";

    private Task<HttpResponseMessage> PostFromAsync(string address, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(PeerAddressFromTestHeader.Header, address);
        return Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> WrongLoginFromAsync(string address) =>
        PostFromAsync(address, "/api/authenticate", new { username = NewUsername("nobody"), password = "not the password" });

    private Task<HttpResponseMessage> RefreshFromAsync(string address) =>
        PostFromAsync(address, "/api/token/refresh", new { refreshToken = "not-a-refresh-token" });

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response, int windowSeconds)
    {
        var json = await response.AssertProblemAsync(429);
        Assert.That(json.GetProperty("message").GetString(), Does.Contain("Too many requests"));
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, windowSeconds),
            "Retry-After says when the window ends");
    }

    [Test]
    public async Task Authenticate_TheRequestAfterTheLimit_Returns429ProblemWithRetryAfter()
    {
        var client = NewClientAddress();
        for (var i = 0; i < AuthenticateLimit; i++)
            await (await WrongLoginFromAsync(client)).AssertProblemAsync(401);

        await AssertRateLimitedAsync(await WrongLoginFromAsync(client), 60);
    }

    [Test]
    public async Task Authenticate_WhenLimited_RefusesEvenTheRightPassword()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var client = NewClientAddress();
        for (var i = 0; i < AuthenticateLimit; i++)
            await WrongLoginFromAsync(client);

        await AssertRateLimitedAsync(await PostFromAsync(client, "/api/authenticate", new { username, password = Password }), 60);
    }

    [Test]
    public async Task SignUp_TakenUsernameAnswersAreRateLimited_SoTheyCannotBeUsedToListAccounts()
    {
        var taken = NewUsername("taken");
        await SignUpAsync(taken);
        var client = NewClientAddress();
        for (var i = 0; i < SignupLimit; i++)
            await (await PostFromAsync(client, "/api/signup", new { username = taken, password = Password })).AssertProblemAsync(409);

        await AssertRateLimitedAsync(await PostFromAsync(client, "/api/signup", new { username = taken, password = Password }), 60);
    }

    [Test]
    public async Task EachEndpoint_HasItsOwnLimitAndItsOwnBudget()
    {
        var client = NewClientAddress();
        for (var i = 0; i < SignupLimit; i++)
            await (await PostFromAsync(client, "/api/signup", new { username = NewUsername(), password = Password })).JsonAsync(201);
        await AssertRateLimitedAsync(await PostFromAsync(client, "/api/signup", new { username = NewUsername(), password = Password }), 60);

        // Signup is spent, yet authenticate still has all 3 and refresh all 4 of its own.
        for (var i = 0; i < AuthenticateLimit; i++)
            await (await WrongLoginFromAsync(client)).AssertProblemAsync(401);
        await AssertRateLimitedAsync(await WrongLoginFromAsync(client), 60);

        for (var i = 0; i < RefreshLimit; i++)
            await (await RefreshFromAsync(client)).AssertProblemAsync(401);
        await AssertRateLimitedAsync(await RefreshFromAsync(client), RefreshWindowSeconds);
    }

    [Test]
    public async Task AnotherClientAddress_HasItsOwnBudget()
    {
        var noisy = NewClientAddress();
        for (var i = 0; i < AuthenticateLimit; i++)
            await WrongLoginFromAsync(noisy);
        await (await WrongLoginFromAsync(noisy)).AssertProblemAsync(429);

        await (await WrongLoginFromAsync(NewClientAddress())).AssertProblemAsync(401);
    }

    [Test]
    public async Task IPv6Clients_AreCountedPerSlash64_SoHoppingAddressesInTheirBlockDoesNotHelp()
    {
        var block = $"2001:db8:{Interlocked.Increment(ref _address):x}:1";
        for (var i = 0; i < AuthenticateLimit; i++)
            await (await WrongLoginFromAsync($"{block}::{i + 1:x}")).AssertProblemAsync(401);

        await AssertRateLimitedAsync(await WrongLoginFromAsync($"{block}::ffff"), 60);
        await (await WrongLoginFromAsync($"2001:db8:{Interlocked.Increment(ref _address):x}:2::1")).AssertProblemAsync(401);
    }

    [Test]
    public async Task Refresh_AfterTheWindow_AcceptsRequestsAgain()
    {
        // The built-in limiter runs on real time, so this test waits out a real 2-second window.
        var client = NewClientAddress();
        for (var i = 0; i < RefreshLimit; i++)
            await (await RefreshFromAsync(client)).AssertProblemAsync(401);
        var limited = await RefreshFromAsync(client);
        await AssertRateLimitedAsync(limited, RefreshWindowSeconds);

        await Task.Delay(TimeSpan.FromSeconds(RefreshWindowSeconds + 0.5));

        await (await RefreshFromAsync(client)).AssertProblemAsync(401);
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/api/me")]
    public async Task OtherEndpoints_AreNotRateLimited(string path)
    {
        var client = NewClientAddress();
        for (var i = 0; i < AuthenticateLimit + RefreshLimit; i++)
            await WrongLoginFromAsync(client);

        for (var i = 0; i < 20; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(PeerAddressFromTestHeader.Header, client);
            var response = await Client.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"request {i + 1} to {path}");
        }
    }
}
