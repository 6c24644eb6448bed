using Auth.Infrastructure.Persistence.PostgreSql;
using Auth.Infrastructure.Persistence.Sqlite;
using Auth.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Auth.Tests.Persistence;

/// <summary>
/// The hand-written PostgreSQL migration and snapshot must stay true to the model, and the schema must carry the
/// same names as on SQLite so the admin's SQL in the README works on both.
/// </summary>
public sealed class PostgresMigrationTests
{
    [Test]
    public async Task AllMigrations_ApplyToAnEmptyDatabase_AndLeaveNoPendingModelChanges()
    {
        using var database = new PostgresTestDatabase();
        await using var db = NewContext(database);

        await db.Database.MigrateAsync();

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "update the PostgreSQL model snapshot (or add a migration)");
        var columns = await database.ColumnAsync($"""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = 'users' ORDER BY ordinal_position
            """);
        Assert.That(columns, Is.EqualTo(new[] { "id", "username", "normalized_username", "password_hash", "role", "created_at" }));
    }

    [Test]
    public async Task Migrate_CreatesTheSameTablesColumnsAndIndexNamesAsSqlite_WithIdentityKeysAndUtcTimestamps()
    {
        using var database = new PostgresTestDatabase();
        await using var db = NewContext(database);
        await db.Database.MigrateAsync();

        var onPostgres = await database.ColumnAsync($"""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            """);
        var indexesOnPostgres = await database.ColumnAsync($"""
            SELECT indexname FROM pg_indexes
            WHERE schemaname = 'public' AND indexname NOT LIKE 'PK%' AND tablename <> '__EFMigrationsHistory'
            """);
        await using var sqlite = new SqliteAuthDbContext(
            new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite("Data Source=:memory:").Options);
        var onSqlite = Columns(sqlite.Model);
        var indexesOnSqlite = sqlite.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()).Select(i => i.GetDatabaseName());

        Assert.That(onPostgres, Is.EquivalentTo(onSqlite));
        Assert.That(indexesOnPostgres, Is.EquivalentTo(indexesOnSqlite));

        var identities = await database.ColumnAsync($"""
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'id' AND is_identity = 'YES'
            """);
        Assert.That(identities, Is.EquivalentTo(new[] { "users", "refresh_tokens", "audit_events" }));
        var timeTypes = await database.ColumnAsync($"""
            SELECT DISTINCT data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND (column_name LIKE '%\_at' OR column_name = 'locked_until')
            """);
        Assert.That(timeTypes, Is.EqualTo(new[] { "timestamp with time zone" }));
    }

    private static PostgresAuthDbContext NewContext(TestDatabase database) =>
        new(new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql(database.ConnectionString).Options);

    private static IEnumerable<string> Columns(IModel model) =>
        from entity in model.GetEntityTypes()
        let table = StoreObjectIdentifier.Table(entity.GetTableName()!)
        from property in entity.GetProperties()
        select $"{table.Name}.{property.GetColumnName(table)}";
}
