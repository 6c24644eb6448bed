using Auth.Core.Users;
using Auth.Infrastructure.Persistence.Sqlite;
using Auth.Infrastructure.Persistence.Stores;
using Microsoft.EntityFrameworkCore;

namespace Auth.Tests.Persistence;

/// <summary>SQLite's ADO.NET lookup by id must read exactly what EF Core wrote and reads.</summary>
public sealed class SqliteUserRepositoryTests
{
    private string _file = "";
    private SqliteAuthDbContext _db = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _file = Path.Combine(Path.GetTempPath(), $"auth-users-{Guid.NewGuid():N}.db");
        _db = new SqliteAuthDbContext(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite($"Data Source={_file}").Options);
        await _db.Database.MigrateAsync();
    }

    [TearDown]
    public async Task DeleteDatabase()
    {
        await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Test]
    public async Task FindById_ReadsEveryFieldAsEfCoreDoes()
    {
        var written = new User
        {
            Username = "Ada.L", NormalizedUsername = "ADA.L", PasswordHash = "$2b$04$" + new string('x', 53),
            Role = Role.User | Role.Admin, CreatedAt = new DateTimeOffset(2026, 11, 22, 6, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567),
        };
        var repository = new SqliteUserRepository(_db);
        Assert.That(await repository.TryAddAsync(written, CancellationToken.None), Is.True);

        var fast = await repository.FindByIdAsync(written.Id, CancellationToken.None);
        var ef = await new EfUserRepository<SqliteAuthDbContext>(_db).FindByIdAsync(written.Id, CancellationToken.None);

        Assert.That(fast, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(fast!.Id, Is.EqualTo(ef!.Id));
            Assert.That(fast.Username, Is.EqualTo("Ada.L").And.EqualTo(ef.Username));
            Assert.That(fast.NormalizedUsername, Is.EqualTo(ef.NormalizedUsername));
            Assert.That(fast.PasswordHash, Is.EqualTo(written.PasswordHash).And.EqualTo(ef.PasswordHash));
            Assert.That(fast.Role, Is.EqualTo(Role.User | Role.Admin).And.EqualTo(ef.Role));
            Assert.That(fast.CreatedAt, Is.EqualTo(written.CreatedAt).And.EqualTo(ef.CreatedAt));
            Assert.That(fast.CreatedAt.Offset, Is.EqualTo(ef.CreatedAt.Offset));
        });
    }

    [Test]
    public async Task FindById_OfAnUnknownOrDeletedUser_IsNull()
    {
        var repository = new SqliteUserRepository(_db);
        var user = new User { Username = "gone", NormalizedUsername = "GONE", PasswordHash = "h", Role = Role.User, CreatedAt = DateTimeOffset.UtcNow };
        await repository.TryAddAsync(user, CancellationToken.None);
        await repository.DeleteAsync(user.Id, CancellationToken.None);

        Assert.That(await repository.FindByIdAsync(user.Id, CancellationToken.None), Is.Null);
        Assert.That(await repository.FindByIdAsync(424242, CancellationToken.None), Is.Null);
    }
}
