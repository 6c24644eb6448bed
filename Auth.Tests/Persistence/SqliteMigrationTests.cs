using Auth.Infrastructure.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Auth.Tests.Persistence;

/// <summary>The hand-written migrations and snapshot must stay true to the model (no design package to check it).</summary>
public sealed class SqliteMigrationTests
{
    [Test]
    public async Task AllMigrations_ApplyToAnEmptyDatabase_AndLeaveNoPendingModelChanges()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqliteAuthDbContext(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(connection).Options);

        await db.Database.MigrateAsync();

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "update the model snapshot (or add a migration)");
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('users') ORDER BY cid";
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        Assert.That(columns, Is.EqualTo(new[] { "id", "username", "normalized_username", "password_hash", "role", "created_at" }));
    }
}
