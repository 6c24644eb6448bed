using Auth.Core.Abstractions;
using Auth.Core.Common;
using Auth.Core.Users;
using Dapper;
using MySql.Data.MySqlClient;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>Table <c>users</c> on MySQL/MariaDB, same semantics as the EF repository.</summary>
public sealed class MySqlUserRepository(MySqlConnectionFactory connections, MySqlUserLookupBatcher lookups) : IUserRepository
{
    private const int DuplicateKey = 1062; // ER_DUP_ENTRY

    /// <summary>Also read by MySqlUserLookupBatcher, so both map a row to the same User.</summary>
    internal const string Columns = """
        id AS Id, username AS Username, normalized_username AS NormalizedUsername,
        password_hash AS PasswordHash, role AS Role, created_at AS CreatedAt
        """;

    private const string ByNormalizedName = $"SELECT {Columns} FROM users WHERE normalized_username = @normalizedUsername";

    // The per-request lookup: batched with the other requests waiting at that moment, never with a statement in flight.
    public Task<User?> FindByIdAsync(long id, CancellationToken ct) => lookups.FindByIdAsync(id, ct);

    public async Task<User?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<User>(
            new CommandDefinition(ByNormalizedName, new { normalizedUsername }, cancellationToken: ct));
    }

    public async Task<bool> TryAddAsync(User user, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        try
        {
            user.Id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO users (username, normalized_username, password_hash, role, created_at)
                VALUES (@Username, @NormalizedUsername, @PasswordHash, @Role, @CreatedAt);
                SELECT LAST_INSERT_ID();
                """, new { user.Username, user.NormalizedUsername, user.PasswordHash, Role = (int)user.Role, user.CreatedAt },
                cancellationToken: ct));
            return true;
        }
        catch (MySqlException e) when (e.Number == DuplicateKey)
        {
            return false;
        }
    }

    public async Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT COUNT(*) FROM users;
            SELECT {Columns} FROM users ORDER BY id LIMIT @take OFFSET @skip;
            """, new { take = pageSize, skip = (long)(page - 1) * pageSize }, cancellationToken: ct));
        var total = await results.ReadSingleAsync<int>();
        var items = (await results.ReadAsync<User>()).ToList();
        return new Page<User>(items, page, pageSize, total);
    }

    public async Task<int> CountWithRoleAsync(Role role, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE (role & @role) <> 0", new { role = (int)role }, cancellationToken: ct));
    }

    // MySql.Data reports matched rows (not changed rows) by default, so setting the same value still counts as found.
    public Task<AdminGuardedWrite> UpdateRoleAsync(long id, Role role, CancellationToken ct) =>
        KeepingAnAdminAsync(id, removesAdmin: !role.IsAdmin(),
            "UPDATE users SET role = @role WHERE id = @id", new { id, role = (int)role }, ct);

    public async Task<bool> UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken ct) =>
        await ExecuteAsync("UPDATE users SET password_hash = @passwordHash WHERE id = @id", new { id, passwordHash }, ct) == 1;

    // refresh_tokens rows go with the user (ON DELETE CASCADE).
    public Task<AdminGuardedWrite> DeleteAsync(long id, CancellationToken ct) =>
        KeepingAnAdminAsync(id, removesAdmin: true, "DELETE FROM users WHERE id = @id", new { id }, ct);

    /// <summary>
    /// Reads every admin's id with a locking read (InnoDB: the latest committed rows, locked until commit), then
    /// writes only if an admin remains. A concurrent guarded write waits at that read and then sees this one's result.
    /// </summary>
    private async Task<AdminGuardedWrite> KeepingAnAdminAsync(
        long id, bool removesAdmin, string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var admins = (await connection.QueryAsync<long>(new CommandDefinition(
            AdminIdsForUpdateSql, transaction: transaction, cancellationToken: ct))).AsList();
        if (AdminGuard.WouldLeaveNoAdmin(admins, id, removesAdmin))
            return AdminGuardedWrite.LastAdmin;
        if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct)) == 0)
            return AdminGuardedWrite.NotFound;
        await transaction.CommitAsync(ct);
        return AdminGuardedWrite.Done;
    }

    private static readonly string AdminIdsForUpdateSql =
        $"SELECT id FROM users WHERE (role & {(int)Role.Admin}) <> 0 FOR UPDATE";

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }
}
