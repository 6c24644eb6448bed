using System.Data.Common;
using Auth.Core.Abstractions;
using Auth.Core.Common;
using Auth.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

/// <summary>
/// Users through EF Core. Generic over the provider's context so each provider compiles its own queries; a provider
/// may override the per-request lookup by id with a faster path of its own (see SqliteUserRepository).
/// </summary>
public class EfUserRepository<TContext>(TContext db) : IUserRepository where TContext : AuthDbContext
{
    // Compiled once per provider: the per-request role lookup skips LINQ translation entirely.
    private static readonly Func<TContext, long, CancellationToken, Task<User?>> ById =
        EF.CompileAsyncQuery((TContext c, long id, CancellationToken _) =>
            c.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));

    private static readonly Func<TContext, string, CancellationToken, Task<User?>> ByNormalizedName =
        EF.CompileAsyncQuery((TContext c, string name, CancellationToken _) =>
            c.Users.AsNoTracking().FirstOrDefault(u => u.NormalizedUsername == name));

    public virtual Task<User?> FindByIdAsync(long id, CancellationToken ct) => ById(db, id, ct);

    public Task<User?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken ct) =>
        ByNormalizedName(db, normalizedUsername, ct);

    public async Task<bool> TryAddAsync(User user, CancellationToken ct)
    {
        try
        {
            user.Id = await db.InsertReturningIdAsync($"""
                INSERT INTO users (username, normalized_username, password_hash, role, created_at)
                VALUES ({user.Username}, {user.NormalizedUsername}, {user.PasswordHash}, {(int)user.Role}, {user.CreatedAt})
                RETURNING id AS "Value"
                """, ct);
            return true;
        }
        catch (DbException e) when (db.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        var total = await db.Users.CountAsync(ct);
        // In long: (page - 1) * pageSize overflows int for huge page numbers and would wrap round to page 1.
        var skip = (long)(page - 1) * pageSize;
        var items = skip > int.MaxValue
            ? []
            : await db.Users.AsNoTracking().OrderBy(u => u.Id).Skip((int)skip).Take(pageSize).ToListAsync(ct);
        return new Page<User>(items, page, pageSize, total);
    }

    public Task<int> CountWithRoleAsync(Role role, CancellationToken ct) =>
        db.Users.CountAsync(u => (u.Role & role) != 0, ct);

    public Task<AdminGuardedWrite> UpdateRoleAsync(long id, Role role, CancellationToken ct) =>
        KeepingAnAdminAsync(id, removesAdmin: !role.IsAdmin(),
            () => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, role), ct), ct);

    public async Task<bool> UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, passwordHash), ct) == 1;

    public Task<AdminGuardedWrite> DeleteAsync(long id, CancellationToken ct) =>
        KeepingAnAdminAsync(id, removesAdmin: true, () => db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(ct), ct);

    /// <summary>
    /// Reads every admin's id with a lock held to the end of the transaction (PostgreSQL: FOR UPDATE on their rows;
    /// SQLite: the write lock, taken by BEGIN IMMEDIATE), then writes only if an admin remains. A concurrent guarded
    /// write waits at that read and then sees this one's result.
    /// </summary>
    private async Task<AdminGuardedWrite> KeepingAnAdminAsync(long id, bool removesAdmin, Func<Task<int>> write, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var adminIdsSql = AdminIdsSql + db.ForUpdateClause; // two constants, no input
        var admins = await db.Database.SqlQueryRaw<long>(adminIdsSql).ToListAsync(ct);
        if (AdminGuard.WouldLeaveNoAdmin(admins, id, removesAdmin))
            return AdminGuardedWrite.LastAdmin;
        if (await write() == 0)
            return AdminGuardedWrite.NotFound;
        await transaction.CommitAsync(ct);
        return AdminGuardedWrite.Done;
    }

    private static readonly string AdminIdsSql = $"SELECT id AS \"Value\" FROM users WHERE (role & {(int)Role.Admin}) <> 0";
}
