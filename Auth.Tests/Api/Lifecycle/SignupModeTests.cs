using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api.Lifecycle;

/// <summary>Signup:Mode = closed: only admins create accounts, and guests are told so.</summary>
public sealed class SignupModeTests : ApiTestBase
{
    protected override void Configure(AuthApiFactory factory) => factory.Settings["Signup:Mode"] = "closed";

    [Test]
    public async Task ClosedSignup_Returns403WithItsCode_AndCreatesNothing()
    {
        var username = NewUsername();

        var refused = await (await Client.PostAsJsonAsync("/api/signup", new { username, password = Password })).AssertProblemAsync(403);

        Assert.That(refused.GetProperty("code").GetString(), Is.EqualTo("signup_closed"));
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE username = {username}"), Is.Zero);
    }

    [Test]
    public async Task ClosedSignup_TellsGuestsSoInMe() =>
        Assert.That((await (await GetAsync("/api/me")).JsonAsync(200)).GetProperty("signupOpen").GetBoolean(), Is.False);

    [Test]
    public async Task ClosedSignup_StillLetsAdminsCreateAccounts()
    {
        var admin = NewUsername("admin");
        await Factory.Database.ExecuteAsync($"INSERT INTO users (username, normalized_username, password_hash, role, created_at) VALUES ({admin}, {admin.ToUpperInvariant()}, {"$2a$04$tLWKe9TFZLZ7Nb1Li6Ovo.W00k0eCXi6U4bePGoZJMexNYwNwvIWa"}, 4, {DateTimeOffset.UtcNow})");
        var token = (await (await AuthenticateAsync(admin, "node-migrated-pw")).JsonAsync(200)).GetProperty("token").GetString();

        await (await SendAsync(HttpMethod.Post, "/api/admin/users", token, new { username = NewUsername(), role = "user", password = Password })).JsonAsync(201);
    }

    [Test]
    public void AnUnknownMode_StopsTheStart()
    {
        using var factory = new AuthApiFactory();
        factory.Settings["Signup:Mode"] = "invite-only";
        var error = Assert.Catch(() => factory.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("Signup:Mode must be 'open' or 'closed'"));
    }
}

/// <summary>The default: sign-up is open, and guests are told so.</summary>
public sealed class SignupOpenTests : ApiTestBase
{
    [Test]
    public async Task OpenSignup_IsTheDefault_AndMeSaysSo() =>
        Assert.That((await (await GetAsync("/api/me")).JsonAsync(200)).GetProperty("signupOpen").GetBoolean(), Is.True);
}
