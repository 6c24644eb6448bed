using Auth.Core.Users;
using Auth.Infrastructure.Persistence.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Users on SQLite: EF Core for everything except the lookup by id that runs on every authenticated request.
/// That one reads through a plain <see cref="SqliteConnection"/>: opening EF's connection re-registers EF's SQL
/// functions (ef_mod, regexp, ...) on each open and unregisters them on close, which the benchmark showed as a
/// tenth of the whole request. Microsoft.Data.Sqlite pools the native handle for both.
/// </summary>
public sealed class SqliteUserRepository(SqliteAuthDbContext db) : EfUserRepository<SqliteAuthDbContext>(db)
{
    // Same columns and conversions as the EF model (AuthDbContext): created_at is ISO-8601 TEXT with its offset.
    private const string ByIdSql =
        "SELECT id, username, normalized_username, password_hash, role, created_at FROM users WHERE id = $id";

    private readonly string _connectionString = db.Database.GetConnectionString()
        ?? throw new InvalidOperationException("The SQLite context has no connection string.");

    public override Task<User?> FindByIdAsync(long id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // Microsoft.Data.Sqlite's async methods complete synchronously anyway; the sync calls skip their overhead.
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ByIdSql;
        command.Parameters.Add(new SqliteParameter("$id", id));
        using var reader = command.ExecuteReader(System.Data.CommandBehavior.SingleRow);
        if (!reader.Read())
            return Task.FromResult<User?>(null);
        return Task.FromResult<User?>(new User
        {
            Id = reader.GetInt64(0),
            Username = reader.GetString(1),
            NormalizedUsername = reader.GetString(2),
            PasswordHash = reader.GetString(3),
            Role = (Role)reader.GetInt32(4),
            CreatedAt = reader.GetDateTimeOffset(5),
        });
    }
}
