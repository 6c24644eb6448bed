using Auth.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Auth.Tests.Persistence;

/// <summary>What each server backend's generated migration must create beyond the shared names: its own types and settings.</summary>
public sealed class ProviderSchemaTests
{
    [Test]
    public async Task MySql_TablesAreInnoDbUtf8mb4Binary_TimesAreDatetime6_TokensCascadeWithTheirUser()
    {
        using var database = await MigratedAsync(Backends.MySql);

        var tables = await database.ColumnAsync($"""
            SELECT CONCAT(table_name, ':', engine, ':', table_collation) FROM information_schema.tables
            WHERE table_schema = DATABASE() AND table_name NOT LIKE '\_\_EF%' ORDER BY table_name
            """);
        Assert.That(tables, Is.EqualTo(new[]
        {
            "audit_events:InnoDB:utf8mb4_bin", "login_throttles:InnoDB:utf8mb4_bin", "refresh_tokens:InnoDB:utf8mb4_bin",
            "sessions:InnoDB:utf8mb4_bin", "signing_keys:InnoDB:utf8mb4_bin", "users:InnoDB:utf8mb4_bin",
        }));
        var uniqueIndexes = await database.ColumnAsync($"""
            SELECT CONCAT(table_name, '.', column_name) FROM information_schema.statistics
            WHERE table_schema = DATABASE() AND non_unique = 0 AND index_name <> 'PRIMARY' ORDER BY table_name
            """);
        Assert.That(uniqueIndexes, Is.EquivalentTo(new[]
        {
            "refresh_tokens.token_hash", "users.normalized_username", "signing_keys.kid", "signing_keys.generation",
        }));
        var cascade = await database.ColumnAsync($"""
            SELECT CONCAT(table_name, '->', referenced_table_name, ':', delete_rule, ':', constraint_name)
            FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()
            """);
        Assert.That(cascade, Is.EquivalentTo(new[]
            {
                "refresh_tokens->users:CASCADE:fk_refresh_tokens_users_user_id", "sessions->users:CASCADE:fk_sessions_users_user_id",
            }),
            "the name the previous release's script used, so later migrations find it on adopted databases too");
        var timeTypes = await database.ColumnAsync($"""
            SELECT DISTINCT column_type FROM information_schema.columns
            WHERE table_schema = DATABASE() AND (column_name LIKE '%\_at' OR column_name IN ('locked_until', 'in_flight_since'))
            """);
        Assert.That(timeTypes, Is.EqualTo(new[] { "datetime(6)" }));
    }

    [Test]
    public async Task PostgreSql_KeysAreIdentityColumns_TimesAreTimestampWithTimeZone()
    {
        using var database = await MigratedAsync(Backends.PostgreSql);

        var identities = await database.ColumnAsync($"""
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'id' AND is_identity = 'YES'
            """);
        Assert.That(identities, Is.EquivalentTo(new[] { "users", "refresh_tokens", "audit_events", "signing_keys" }));
        var timeTypes = await database.ColumnAsync($"""
            SELECT DISTINCT data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND (column_name LIKE '%\_at' OR column_name IN ('locked_until', 'in_flight_since'))
            """);
        Assert.That(timeTypes, Is.EqualTo(new[] { "timestamp with time zone" }));
    }

    private static async Task<TestDatabase> MigratedAsync(string backend)
    {
        var database = TestDatabase.Create(backend);
        try
        {
            await using var db = TestContexts.Create(database);
            await db.Database.MigrateAsync();
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }
}
