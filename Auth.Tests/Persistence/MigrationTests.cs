using Auth.Core.Abstractions;
using Auth.Core.Users;
using Auth.Tests.Support;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Auth.Tests.Persistence;

/// <summary>
/// Each provider's generated migrations (dotnet ef migrations add): they build the whole model on an empty database,
/// the model has no change they lack, and instances starting together apply each migration once.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.Persistence))]
public sealed class MigrationTests(string backend)
{
    private TestDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = TestDatabase.Create(backend);

    [TearDown]
    public void DropDatabase() => _database?.Dispose();

    [Test]
    public async Task AllMigrations_ApplyToAnEmptyDatabase_AndLeaveNoPendingModelChanges()
    {
        await using var db = TestContexts.Create(_database);

        await db.Database.MigrateAsync();

        Assert.That(db.Database.HasPendingModelChanges(), Is.False,
            $"the {backend} model has changes no migration has: run dotnet ef migrations add (README, \"Changing the schema\")");
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        var columns = await _database.ColumnAsync(FormattableStringFactory.Create(backend switch
        {
            Backends.Sqlite => "SELECT name FROM pragma_table_info('users') ORDER BY cid",
            Backends.MySql => "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'users' ORDER BY ordinal_position",
            _ => "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' ORDER BY ordinal_position",
        }));
        Assert.That(columns, Is.SupersetOf(new[] { "id", "username", "normalized_username", "password_hash", "role", "created_at", "status" }),
            "the README's admin SQL names these columns");
    }

    [Test]
    public async Task ThreeInstancesStartingAtOnce_ApplyEachMigrationOnce_AndAllCanServe()
    {
        // Without the migration lock the losers would fail on "table already exists" or the history's primary key.
        await TestStores.StartTogetherAsync(_database, 3);

        await using var db = TestContexts.Create(_database);
        Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(db.Database.GetMigrations()));
        var history = await _database.ScalarAsync<long>(FormattableStringFactory.Create($"SELECT COUNT(*) FROM {HistoryTable()}"));
        Assert.That(history, Is.EqualTo(db.Database.GetMigrations().Count()), "one history row per migration");

        await using var next = TestStores.OnExisting(_database);
        var added = await next.InOwnScopeAsync<IUserRepository, bool>(users => users.TryAddAsync(new User
        {
            Username = "after", NormalizedUsername = "AFTER", PasswordHash = "$2b$04$" + new string('h', 53),
            Role = Role.User, CreatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None));
        Assert.That(added, Is.True);
    }

    private string HistoryTable() => backend == Backends.MySql ? "`__EFMigrationsHistory`" : "\"__EFMigrationsHistory\"";
}
