using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>
/// A user's and an admin's journey over HTTP, once per backend: the stores' SQL, transactions and locks are what
/// differ between backends, and this is where the API is seen working on each. Every other API fixture runs on SQLite.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.Api))]
public sealed class EndToEndTests(string backend) : ApiTestBase(backend)
{
    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Client.PostAsJsonAsync("/api/token/refresh", new { refreshToken });

    [Test]
    public async Task SignUp_LogIn_Profile_AndRefresh_WithAReplayRevokingTheFamily()
    {
        var username = NewUsername("journey");
        var user = await SignUpAsync(username);
        var id = user.GetProperty("id").GetInt64();
        Assert.That(user.GetProperty("role").GetString(), Is.EqualTo("user"));

        var login = await LoginAsync(username);
        var profile = await (await GetAsync("/api/profile", login.GetProperty("token").GetString())).JsonAsync(200);
        Assert.Multiple(() =>
        {
            Assert.That(profile.GetProperty("message").GetString(), Is.EqualTo($"Welcome to the users area {username}!"));
            Assert.That(profile.GetProperty("user").GetProperty("id").GetInt64(), Is.EqualTo(id));
        });

        var first = login.GetProperty("refreshToken").GetString()!;
        var refreshed = await (await RefreshAsync(first)).JsonAsync(200);
        var me = await (await GetAsync("/api/me", refreshed.GetProperty("token").GetString())).JsonAsync(200);
        Assert.That(me.GetProperty("id").GetInt64(), Is.EqualTo(id));

        await (await RefreshAsync(first)).AssertProblemAsync(401);
        await (await RefreshAsync(refreshed.GetProperty("refreshToken").GetString()!)).AssertProblemAsync(401);
    }

    [Test]
    public async Task TheReadmesSqlMakesAnAdmin_WhoseExistingTokenPassesTheAdminCheckOnTheNextRequest()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/admin", token)).AssertProblemAsync(403);

        // README: UPDATE users SET role = 4 WHERE username = 'alice'; (here with the name as a parameter)
        var rows = await Factory.Database.ExecuteAsync($"UPDATE users SET role = 4 WHERE username = {username}");

        Assert.That(rows, Is.EqualTo(1));
        var admin = await (await GetAsync("/api/admin", token)).JsonAsync(200);
        Assert.That(admin.GetProperty("message").GetString(), Is.EqualTo($"Welcome to the admin area {username}!"));
        var me = await (await GetAsync("/api/me", token)).JsonAsync(200);
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("admin"));
    }

    [Test]
    public async Task AnAdminDeletesAUser_WhoseTokenPasswordAndRefreshTokensThenStopWorking()
    {
        var admin = await NewAdminAsync();
        var username = NewUsername("doomed");
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        var login = await LoginAsync(username);

        var deleted = await SendAsync(HttpMethod.Delete, $"/api/admin/users/{id}", admin.Token);

        Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        await (await GetAsync("/api/profile", login.GetProperty("token").GetString())).AssertProblemAsync(401);
        await (await AuthenticateAsync(username)).AssertProblemAsync(401);
        await (await RefreshAsync(login.GetProperty("refreshToken").GetString()!)).AssertProblemAsync(401);
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM refresh_tokens WHERE user_id = {id}"), Is.EqualTo(0));
    }

    [Test]
    public async Task TwoAdminsSteppingDownAtOnce_OneSucceeds_TheOtherGets409_AndOneAdminRemains()
    {
        for (var round = 0; round < 3; round++)
        {
            var first = await NewAdminAsync();
            var second = await NewAdminAsync();
            // Exactly these two are admins, whatever the fixture's other tests made.
            await Factory.Database.ExecuteAsync($"UPDATE users SET role = 2 WHERE role = 4 AND id <> {first.Id} AND id <> {second.Id}");

            var responses = await Task.WhenAll(
                Task.Run(() => SendAsync(HttpMethod.Put, $"/api/admin/users/{first.Id}/role", first.Token, new { role = "user" })),
                Task.Run(() => SendAsync(HttpMethod.Put, $"/api/admin/users/{second.Id}/role", second.Token, new { role = "user" })));

            var statuses = responses.Select(r => (int)r.StatusCode).Order().ToList();
            Assert.That(statuses, Is.EqualTo(new[] { 200, 409 }), $"round {round}");
            var refused = await responses.Single(r => (int)r.StatusCode == 409).AssertProblemAsync(409);
            Assert.That(refused.GetProperty("message").GetString(), Does.Contain("no admin"));
            Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users WHERE role = 4"), Is.EqualTo(1),
                $"round {round}: one admin remains");
        }
    }

    [Test]
    public async Task ChangingThePassword_EndsTheOtherSession_AndOnlyTheNewPasswordLogsIn()
    {
        var username = NewUsername("changer");
        await SignUpAsync(username);
        var laptop = await LoginAsync(username);
        var phone = await LoginAsync(username);

        var changed = await (await SendAsync(HttpMethod.Put, "/api/me/password", laptop.GetProperty("token").GetString(),
            new { currentPassword = Password, newPassword = "the new passphrase" })).JsonAsync(200);

        await (await GetAsync("/api/profile", changed.GetProperty("token").GetString())).JsonAsync(200);
        await (await GetAsync("/api/profile", phone.GetProperty("token").GetString())).AssertProblemAsync(401);
        await (await RefreshAsync(phone.GetProperty("refreshToken").GetString()!)).AssertProblemAsync(401);
        await (await AuthenticateAsync(username)).AssertProblemAsync(401);
        await (await AuthenticateAsync(username, "the new passphrase")).JsonAsync(200);
    }

    [Test]
    public async Task DisablingAUser_RefusesTheirLiveTokenAtOnce_AndTheLastActiveAdminCannotBeDisabled()
    {
        var admin = await NewAdminAsync();
        var username = NewUsername("stopped");
        var id = (await SignUpAsync(username)).GetProperty("id").GetInt64();
        var login = await LoginAsync(username);

        await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{id}/status", admin.Token, new { status = "disabled" })).JsonAsync(200);

        await (await GetAsync("/api/profile", login.GetProperty("token").GetString())).AssertProblemAsync(401);
        await (await RefreshAsync(login.GetProperty("refreshToken").GetString()!)).AssertProblemAsync(401);
        Assert.That((await (await AuthenticateAsync(username)).AssertProblemAsync(403)).GetProperty("code").GetString(), Is.EqualTo("account_disabled"));
        Assert.That(await Factory.Database.ScalarAsync<string>($"SELECT status FROM users WHERE id = {id}"), Is.EqualTo("disabled"));

        // Exactly one active admin: disabling them is refused in the same locked transaction as a demotion.
        await Factory.Database.ExecuteAsync($"UPDATE users SET role = 2 WHERE role = 4 AND id <> {admin.Id}");
        await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{admin.Id}/status", admin.Token, new { status = "disabled" })).AssertProblemAsync(409);
        await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{id}/status", admin.Token, new { status = "active" })).JsonAsync(200);
        await (await AuthenticateAsync(username)).JsonAsync(200);
    }
}
