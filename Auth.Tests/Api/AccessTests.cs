using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>/api/me, /api/profile and /api/admin for every kind of caller, with the role read from the database.</summary>
public sealed class AccessTests : ApiTestBase
{
    [Test]
    public async Task Me_WhenAnonymous_ReturnsRoleGuest()
    {
        var json = await (await GetAsync("/api/me")).JsonAsync(200);
        Assert.That(json.GetProperty("role").GetString(), Is.EqualTo("guest"));
        Assert.That(json.TryGetProperty("id", out _), Is.False);
    }

    [Test]
    public async Task Me_WhenSignedIn_ReturnsTheAccount()
    {
        var (username, id, token) = await NewSignedInUserAsync();
        var json = await (await GetAsync("/api/me", token)).JsonAsync(200);
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("id").GetInt64(), Is.EqualTo(id));
            Assert.That(json.GetProperty("username").GetString(), Is.EqualTo(username));
            Assert.That(json.GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(json.TryGetProperty("createdAt", out _), Is.True);
        });
    }

    [Test]
    public async Task Me_WithABadToken_Returns401NotGuest()
    {
        var response = await GetAsync("/api/me", "not.a.jwt");
        await response.AssertProblemAsync(401);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Profile_WhenSignedInAsUser_Returns200WithTheWelcome()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        var json = await (await GetAsync("/api/profile", token)).JsonAsync(200);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo($"Welcome to the users area {username}!"));
        Assert.That(json.GetProperty("user").GetProperty("username").GetString(), Is.EqualTo(username));
    }

    [Test]
    public async Task TheLegacyJwtScheme_SignsInAsTheTokensAccount()
    {
        var (username, id, token) = await NewSignedInUserAsync();

        var profile = await (await GetAsync("/api/profile", token, scheme: "JWT")).JsonAsync(200);
        var me = await (await GetAsync("/api/me", token, scheme: "JWT")).JsonAsync(200);

        Assert.Multiple(() =>
        {
            Assert.That(profile.GetProperty("message").GetString(), Is.EqualTo($"Welcome to the users area {username}!"));
            Assert.That(profile.GetProperty("user").GetProperty("id").GetInt64(), Is.EqualTo(id));
            Assert.That(me.GetProperty("username").GetString(), Is.EqualTo(username));
            Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("user"));
        });
    }

    [TestCase("JWT", "not.a.jwt")]
    [TestCase("Bearer", "")]
    [TestCase("JWT", "")]
    public async Task Me_WithARefusedOrEmptyToken_InEitherScheme_Returns401NotGuest(string scheme, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");

        var response = await Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(401);
        Assert.That(problem.GetProperty("message").GetString(), Does.Contain("invalid or expired"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Profile_WithoutToken_Returns401WithWwwAuthenticate()
    {
        var response = await GetAsync("/api/profile");
        await response.AssertProblemAsync(401);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task Profile_WithBadToken_Returns401()
    {
        var response = await GetAsync("/api/profile", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl");
        await response.AssertProblemAsync(401);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("invalid_token"));
    }

    [Test]
    public async Task Profile_ForAUserWhoseRoleIsGuestInTheDatabase_Returns403()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await SetRoleInDatabaseAsync(username, 1);
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(403);
    }

    [Test]
    public async Task Admin_ForAUser_Returns403()
    {
        var (_, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/admin", token)).AssertProblemAsync(403);
    }

    [Test]
    public async Task Admin_WithoutToken_Returns401()
    {
        await (await GetAsync("/api/admin")).AssertProblemAsync(401);
    }

    [Test]
    public async Task Admin_ForAnAdmin_Returns200WithTheWelcome()
    {
        var (username, _, token) = await NewAdminAsync();
        var json = await (await GetAsync("/api/admin", token)).JsonAsync(200);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo($"Welcome to the admin area {username}!"));
    }

    [Test]
    public async Task RoleChangedInTheDatabase_TakesEffectOnTheNextRequestWithTheSameToken()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/admin", token)).AssertProblemAsync(403);

        await SetRoleInDatabaseAsync(username, 4);
        await (await GetAsync("/api/admin", token)).JsonAsync(200);
        var me = await (await GetAsync("/api/me", token)).JsonAsync(200);
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("admin"));

        await SetRoleInDatabaseAsync(username, 2);
        await (await GetAsync("/api/admin", token)).AssertProblemAsync(403);
    }

    [Test]
    public async Task UserDeletedInTheDatabase_TheirTokenGets401()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/profile", token)).JsonAsync(200);

        await Factory.Database.ExecuteAsync($"DELETE FROM users WHERE username = {username}");

        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
        await (await GetAsync("/api/me", token)).AssertProblemAsync(401);
    }
}
