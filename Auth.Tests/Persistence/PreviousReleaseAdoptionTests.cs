using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Auth.Core.Services;
using Auth.Core.Tokens;
using Auth.Infrastructure.Persistence;
using Auth.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Auth.Tests.Persistence;

/// <summary>
/// A database made by the previous release (MySql.Data + SQL scripts on MySQL/MariaDB, hand-written EF migrations on
/// SQLite and PostgreSQL) starts under this release: it is adopted, not recreated, and every row stays usable. The
/// schema is the previous release's own, kept in PreviousRelease/*.sql; the rows are written the way that release wrote them.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.Persistence))]
public sealed class PreviousReleaseAdoptionTests(string backend)
{
    // A hash made by Node's bcryptjs 2.4.3 (cost 4), as accounts migrated from the Express service carry.
    private const string NodeHash = "$2a$04$tLWKe9TFZLZ7Nb1Li6Ovo.W00k0eCXi6U4bePGoZJMexNYwNwvIWa";
    private const string NodePassword = "node-migrated-pw";
    private const string OldRefreshToken = "refresh-token-issued-by-the-previous-release-0123456789";

    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreatePreviousReleaseDatabase()
    {
        _database = TestDatabase.Create(backend);
        var schema = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Persistence", "PreviousRelease", $"{backend.ToLowerInvariant()}.sql"));
        await _database.ExecuteAsync(FormattableStringFactory.Create(schema.Replace("{", "{{").Replace("}", "}}")));

        var created = DateTimeOffset.UtcNow.AddDays(-30);
        await _database.ExecuteAsync($"""
            INSERT INTO users (username, normalized_username, password_hash, role, created_at)
            VALUES ('alice', 'ALICE', {NodeHash}, 4, {created}), ('bob', 'BOB', {NodeHash}, 2, {created})
            """);
        var aliceId = await _database.ScalarAsync<long>($"SELECT id FROM users WHERE username = 'alice'");
        await _database.ExecuteAsync($"""
            INSERT INTO refresh_tokens (user_id, family_id, token_hash, created_at, expires_at, consumed_at, revoked_at)
            VALUES ({aliceId}, 'f0000000000000000000000000000001', {TokenValues.Hash(OldRefreshToken)},
                    {created}, {DateTimeOffset.UtcNow.AddDays(5)}, {null}, {null})
            """);
        await _database.ExecuteAsync($"""
            INSERT INTO login_throttles (normalized_username, failures, last_failure_at, locked_until)
            VALUES ('BOB', 2, {DateTimeOffset.UtcNow.AddMinutes(-1)}, {null})
            """);
        await _database.ExecuteAsync($"""
            INSERT INTO audit_events (occurred_at, type, user_id, username, actor_id, detail, client_ip)
            VALUES ({created}, 'user.signup', {aliceId}, 'alice', {null}, {null}, '203.0.113.7'),
                   ({created}, 'login.succeeded', {aliceId}, 'alice', {null}, {null}, '203.0.113.7')
            """);
    }

    [TearDown]
    public void DropDatabase() => _database?.Dispose();

    [Test]
    public async Task StartingTheNewRelease_RecordsTheBaselineAsApplied_AndKeepsEveryRowUsable()
    {
        using var factory = new AuthApiFactory(_database);
        using var client = factory.CreateClient();

        // Started and migrated: nothing was created twice, so the schema is adopted, not rebuilt.
        await (await client.GetAsync("/health/ready")).JsonAsync(200);
        await using (var db = TestContexts.Create(_database))
        {
            Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(db.Database.GetMigrations()));
            Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        }
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM users"), Is.EqualTo(2));
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM refresh_tokens"), Is.EqualTo(1));
        Assert.That(await _database.ColumnAsync($"SELECT status FROM users ORDER BY id"), Is.EqualTo(new[] { "active", "active" }));
        Assert.That(await _database.ColumnAsync($"SELECT id FROM sessions"), Is.EqualTo(new[] { "f0000000000000000000000000000001" }),
            "the old login's refresh-token family is a session");
        Assert.That(await _database.ScalarAsync<int>($"SELECT failures FROM login_throttles WHERE normalized_username = 'BOB'"), Is.EqualTo(2));
        // The old rows first; the new release's first start then makes its signing key.
        Assert.That(await _database.ColumnAsync($"SELECT type FROM audit_events ORDER BY id"),
            Is.EqualTo(new[] { "user.signup", "login.succeeded", "key.created", "key.activated" }));
        if (backend == Backends.MySql)
            Assert.That(await _database.ScalarAsync<int>($"SELECT MAX(version) FROM schema_version"), Is.EqualTo(1),
                "the old release's own record stays, so rolling back finds its schema as it left it");

        // The old users sign in with their old (Node bcryptjs) passwords, and the admin is still an admin.
        var login = await (await client.PostAsJsonAsync("/api/authenticate", new { username = "alice", password = NodePassword })).JsonAsync(200);
        var users = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/admin/users")
        {
            Headers = { Authorization = new("Bearer", login.GetProperty("token").GetString()) },
        })).JsonAsync(200);
        Assert.That(users.GetProperty("total").GetInt32(), Is.EqualTo(2));

        // The refresh token issued by the old release still refreshes, once.
        var refreshed = await (await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = OldRefreshToken })).JsonAsync(200);
        Assert.That(refreshed.GetProperty("refreshToken").GetString(), Is.Not.EqualTo(OldRefreshToken));
        await (await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = OldRefreshToken })).AssertProblemAsync(401);

        // New rows go on after the old ids.
        var bobLogin = await client.PostAsJsonAsync("/api/authenticate", new { username = "bob", password = NodePassword });
        await bobLogin.JsonAsync(200);
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM login_throttles WHERE normalized_username = 'BOB' AND failures > 0"), Is.Zero,
            "a successful login clears the old failures");
    }

    [Test]
    public async Task ThreeInstancesStartingTogether_AdoptOnce()
    {
        await TestStores.StartTogetherAsync(_database, 3);

        await using var db = TestContexts.Create(_database);
        Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(db.Database.GetMigrations()));
        Assert.That(await db.Database.GetAppliedMigrationsAsync(), Does.Not.Contain(SchemaMigrator.PreviousBaselineId));
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM users"), Is.EqualTo(2));
    }
}
