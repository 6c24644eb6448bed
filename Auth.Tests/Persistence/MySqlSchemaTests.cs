using Auth.Infrastructure.Persistence.MySql;
using Auth.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auth.Tests.Persistence;

/// <summary>The MySQL schema scripts: applied once each, however many instances start together, and true to the shared names.</summary>
public sealed class MySqlSchemaTests
{
    private MySqlTestDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = new MySqlTestDatabase();

    [TearDown]
    public void DropDatabase() => _database?.Dispose();

    private MySqlSchemaMigrator NewMigrator() => new(
        new MySqlConnectionFactory(MySqlPersistence.WithDefaults(_database.ConnectionString)), NullLogger<MySqlSchemaMigrator>.Instance);

    [Test]
    public async Task SixInstancesMigratingAtOnce_ApplyEachScriptExactlyOnce()
    {
        Assert.That(MySqlSchemaMigrator.Scripts, Is.Not.Empty);

        // Without the lock, the losers would fail on "table already exists" or the schema_version primary key.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => NewMigrator().MigrateAsync(CancellationToken.None))));
        await NewMigrator().MigrateAsync(CancellationToken.None); // and a later start changes nothing

        var recorded = await _database.ColumnAsync($"SELECT version FROM schema_version ORDER BY version");
        Assert.That(recorded, Is.EqualTo(MySqlSchemaMigrator.Scripts.Select(s => s.Version.ToString())));
    }

    [Test]
    public async Task Schema_HasTheSharedTableAndColumnNames_InnoDbUtf8mb4_AndTheUniqueUsernameIndex()
    {
        await NewMigrator().MigrateAsync(CancellationToken.None);

        var tables = await _database.ColumnAsync($"""
            SELECT CONCAT(table_name, ':', engine, ':', table_collation) FROM information_schema.tables
            WHERE table_schema = DATABASE() ORDER BY table_name
            """);
        Assert.That(tables, Is.EqualTo(new[]
        {
            "audit_events:InnoDB:utf8mb4_bin", "login_throttles:InnoDB:utf8mb4_bin", "refresh_tokens:InnoDB:utf8mb4_bin",
            "schema_version:InnoDB:utf8mb4_bin", "users:InnoDB:utf8mb4_bin",
        }));

        var userColumns = await _database.ColumnAsync($"""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = DATABASE() AND table_name = 'users' ORDER BY ordinal_position
            """);
        Assert.That(userColumns, Is.EqualTo(new[] { "id", "username", "normalized_username", "password_hash", "role", "created_at" }));

        var uniqueIndexes = await _database.ColumnAsync($"""
            SELECT CONCAT(table_name, '.', column_name) FROM information_schema.statistics
            WHERE table_schema = DATABASE() AND non_unique = 0 AND index_name <> 'PRIMARY' ORDER BY table_name
            """);
        Assert.That(uniqueIndexes, Is.EquivalentTo(new[] { "refresh_tokens.token_hash", "users.normalized_username" }));

        var cascade = await _database.ColumnAsync($"""
            SELECT CONCAT(table_name, '->', referenced_table_name, ':', delete_rule) FROM information_schema.referential_constraints
            WHERE constraint_schema = DATABASE()
            """);
        Assert.That(cascade, Is.EqualTo(new[] { "refresh_tokens->users:CASCADE" }));

        var timeTypes = await _database.ColumnAsync($"""
            SELECT DISTINCT column_type FROM information_schema.columns
            WHERE table_schema = DATABASE() AND column_name IN ('created_at', 'expires_at', 'consumed_at', 'revoked_at', 'occurred_at', 'last_failure_at', 'locked_until')
            """);
        Assert.That(timeTypes, Is.EqualTo(new[] { "datetime(6)" }));
    }

    [Test]
    public async Task AdminSqlFromTheReadme_PromotesAUser()
    {
        await NewMigrator().MigrateAsync(CancellationToken.None);
        await _database.ExecuteAsync($"INSERT INTO users (username, normalized_username, password_hash, role, created_at) VALUES ('alice', 'ALICE', 'x', 2, UTC_TIMESTAMP(6))");

        await _database.ExecuteAsync($"UPDATE users SET role = 4 WHERE username = 'alice'");

        Assert.That(await _database.ScalarAsync<int>($"SELECT role FROM users WHERE username = 'alice'"), Is.EqualTo(4));
    }
}
