using System.Net.Http.Json;
using Auth.Core.Services;
using Auth.Core.Tokens;
using Auth.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Auth.Tests.Persistence;

/// <summary>
/// A database at the release before the account lifecycle (migrated to InitialCreate only, with users, refresh-token
/// families, a throttle row and audit rows) starts under this release with every row intact: its accounts are
/// active, each refresh-token family has become a session, and its tokens still refresh.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.Persistence))]
public sealed class AccountLifecycleUpgradeTests(string backend)
{
    private const string NodeHash = "$2a$04$tLWKe9TFZLZ7Nb1Li6Ovo.W00k0eCXi6U4bePGoZJMexNYwNwvIWa";
    private const string NodePassword = "node-migrated-pw";
    private const string LiveFamily = "a0000000000000000000000000000001";
    private const string RevokedFamily = "b0000000000000000000000000000002";
    private const string LiveToken = "live-refresh-token-from-the-initial-create-release-000";

    private TestDatabase _database = null!;
    private DateTimeOffset _loggedIn;

    [SetUp]
    public async Task CreateDatabaseAtInitialCreate()
    {
        _database = TestDatabase.Create(backend);
        await using (var db = TestContexts.Create(_database))
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());

        _loggedIn = DateTimeOffset.UtcNow.AddDays(-2);
        var refreshed = _loggedIn.AddHours(1);
        await _database.ExecuteAsync($"""
            INSERT INTO users (username, normalized_username, password_hash, role, created_at)
            VALUES ('carol', 'CAROL', {NodeHash}, 4, {_loggedIn}), ('dave', 'DAVE', {NodeHash}, 2, {_loggedIn})
            """);
        var carol = await _database.ScalarAsync<long>($"SELECT id FROM users WHERE username = 'carol'");
        var dave = await _database.ScalarAsync<long>($"SELECT id FROM users WHERE username = 'dave'");
        await _database.ExecuteAsync($"""
            INSERT INTO refresh_tokens (user_id, family_id, token_hash, created_at, expires_at, consumed_at, revoked_at)
            VALUES ({carol}, {LiveFamily}, {TokenValues.Hash("consumed")}, {_loggedIn}, {_loggedIn.AddDays(7)}, {refreshed}, {null}),
                   ({carol}, {LiveFamily}, {TokenValues.Hash(LiveToken)}, {refreshed}, {refreshed.AddDays(7)}, {null}, {null}),
                   ({dave}, {RevokedFamily}, {TokenValues.Hash("revoked")}, {_loggedIn}, {_loggedIn.AddDays(7)}, {null}, {refreshed})
            """);
        await _database.ExecuteAsync($"""
            INSERT INTO login_throttles (normalized_username, failures, last_failure_at, locked_until)
            VALUES ('DAVE', 1, {DateTimeOffset.UtcNow.AddMinutes(-1)}, {null})
            """);
        await _database.ExecuteAsync($"""
            INSERT INTO audit_events (occurred_at, type, user_id, username, actor_id, detail, client_ip)
            VALUES ({_loggedIn}, 'login.succeeded', {carol}, 'carol', {null}, {null}, '203.0.113.9')
            """);
    }

    [TearDown]
    public void DropDatabase() => _database?.Dispose();

    [Test]
    public async Task Upgrading_KeepsEveryRow_MakesEachFamilyASession_AndOldTokensStillRefresh()
    {
        using var factory = new AuthApiFactory(_database);
        using var client = factory.CreateClient();
        await (await client.GetAsync("/health/ready")).JsonAsync(200);

        await using (var db = TestContexts.Create(_database))
            Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await _database.ColumnAsync($"SELECT username FROM users ORDER BY id"), Is.EqualTo(new[] { "carol", "dave" }));
        Assert.That(await _database.ColumnAsync($"SELECT status FROM users ORDER BY id"), Is.EqualTo(new[] { "active", "active" }));
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM refresh_tokens"), Is.EqualTo(3));
        Assert.That(await _database.ScalarAsync<int>($"SELECT failures FROM login_throttles WHERE normalized_username = 'DAVE'"), Is.EqualTo(1));
        // The old rows; the new release's first start adds its signing key's events beside them.
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_events WHERE type NOT LIKE 'key.%'"), Is.EqualTo(1));

        // Each family is one session: the live one unrevoked, the revoked one revoked.
        Assert.That(await _database.ColumnAsync($"SELECT id FROM sessions ORDER BY id"), Is.EqualTo(new[] { LiveFamily, RevokedFamily }));
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM sessions WHERE id = {LiveFamily} AND revoked_at IS NULL"), Is.EqualTo(1));
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM sessions WHERE id = {RevokedFamily} AND revoked_at IS NOT NULL"), Is.EqualTo(1));

        // The live token refreshes, and its session is the caller's current one.
        var refreshed = await (await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = LiveToken })).JsonAsync(200);
        await (await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = "revoked" })).AssertProblemAsync(401);
        var login = await (await client.PostAsJsonAsync("/api/authenticate", new { username = "dave", password = NodePassword })).JsonAsync(200);
        Assert.That(login.GetProperty("token").GetString(), Is.Not.Empty);
        Assert.That(refreshed.GetProperty("token").GetString(), Is.Not.Empty);
    }
}
