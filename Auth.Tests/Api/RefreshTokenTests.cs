using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

public sealed class RefreshTokenTests : ApiTestBase
{
    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        await Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken });

    [Test]
    public async Task Refresh_ReturnsNewTokensOfTheSameShape_AndTheNewAccessTokenWorks()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var login = await LoginAsync(username);

        var json = await (await RefreshAsync(login.GetProperty("refreshToken").GetString()!)).JsonAsync(200);

        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("success").GetBoolean(), Is.True);
            Assert.That(json.GetProperty("tokenType").GetString(), Is.EqualTo("Bearer"));
            Assert.That(json.GetProperty("expiresIn").GetInt32(), Is.EqualTo(1800));
            Assert.That(json.GetProperty("refreshToken").GetString(), Is.Not.EqualTo(login.GetProperty("refreshToken").GetString()));
        });
        await (await GetAsync("/api/profile", json.GetProperty("token").GetString())).JsonAsync(200);
    }

    [Test]
    public async Task Refresh_WithAReusedToken_Returns401_AndRevokesTheWholeFamily()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var first = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;
        var second = (await (await RefreshAsync(first)).JsonAsync(200)).GetProperty("refreshToken").GetString()!;

        await (await RefreshAsync(first)).AssertProblemAsync(401);   // the replay...
        await (await RefreshAsync(second)).AssertProblemAsync(401);  // ...also kills the thief's or owner's newer token

        var audit = await Factory.Database.ScalarAsync<int>($"SELECT COUNT(*) FROM audit_events WHERE type = {"refresh.reused"}");
        Assert.That(audit, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task Refresh_AnotherLoginsFamily_IsUnaffectedByAReplay()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var laptop = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;
        var phone = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;

        await (await RefreshAsync(laptop)).JsonAsync(200);
        await (await RefreshAsync(laptop)).AssertProblemAsync(401);

        await (await RefreshAsync(phone)).JsonAsync(200);
    }

    [Test]
    public async Task Refresh_WithAnUnknownToken_Returns401() =>
        await (await RefreshAsync("definitely-not-a-token")).AssertProblemAsync(401);

    [Test]
    public async Task Refresh_WithoutAToken_Returns400() =>
        await (await Client.PostAsJsonAsync("/api/token/refresh", new { })).AssertValidationErrorsAsync(("refreshToken", "RefreshToken is required."));

    [Test]
    public async Task Refresh_WithATokenThatIsNotAString_Returns400WithThePlainWrongTypeMessage() =>
        await (await Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = 5 }))
            .AssertValidationErrorsAsync(("refreshToken", "The value of 'refreshToken' is missing or of the wrong type."));

    [Test]
    public async Task Refresh_AfterTheLifetime_Returns401()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var token = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;

        Factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        await (await RefreshAsync(token)).AssertProblemAsync(401);
    }

    [Test]
    public async Task Refresh_IsStoredOnlyAsAHash()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var token = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;

        var stored = await Factory.Database.ColumnAsync($"SELECT token_hash FROM refresh_tokens");
        Assert.That(stored, Does.Not.Contain(token));
        Assert.That(stored, Does.Contain(Auth.Core.Tokens.TokenValues.Hash(token)));
    }

    [Test]
    public async Task Logout_Returns204_AndTheRefreshTokenNoLongerWorks()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var login = await LoginAsync(username);
        var refresh = login.GetProperty("refreshToken").GetString()!;

        var response = await SendAsync(HttpMethod.Post, "/api/logout", login.GetProperty("token").GetString(), new { refreshToken = refresh });

        Assert.That((int)response.StatusCode, Is.EqualTo(204));
        await (await RefreshAsync(refresh)).AssertProblemAsync(401);
    }

    [Test]
    public async Task Logout_WithoutAnAccessToken_Returns401()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var refresh = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;
        await (await SendAsync(HttpMethod.Post, "/api/logout", null, new { refreshToken = refresh })).AssertProblemAsync(401);
    }

    [Test]
    public async Task Logout_WithSomeoneElsesRefreshToken_Returns401_AndLeavesItWorking()
    {
        var victim = NewUsername();
        await SignUpAsync(victim);
        var victimRefresh = (await LoginAsync(victim)).GetProperty("refreshToken").GetString()!;
        var attacker = await NewSignedInUserAsync();

        await (await SendAsync(HttpMethod.Post, "/api/logout", attacker.Token, new { refreshToken = victimRefresh })).AssertProblemAsync(401);
        await (await RefreshAsync(victimRefresh)).JsonAsync(200);
    }

    [Test]
    public async Task RoleChange_KeepsTheSession_AndTheNextRefreshCarriesTheNewRole()
    {
        var admin = await NewAdminAsync();
        var username = NewUsername();
        var user = await SignUpAsync(username);
        var refresh = (await LoginAsync(username)).GetProperty("refreshToken").GetString()!;

        await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{user.GetProperty("id").GetInt64()}/role", admin.Token, new { role = "admin" })).JsonAsync(200);

        var refreshed = await (await RefreshAsync(refresh)).JsonAsync(200);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(refreshed.GetProperty("token").GetString());
        Assert.That(token.GetClaim("role").Value, Is.EqualTo("admin"));
    }
}
