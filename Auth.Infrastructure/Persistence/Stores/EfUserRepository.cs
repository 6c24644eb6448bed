using System.Data.Common;
using Auth.Core.Abstractions;
using Auth.Core.Common;
using Auth.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Auth.Infrastructure.Persistence.Stores;

/// <summary>
/// Users through EF Core, the same code on every backend. Generic over the provider's context so that each provider
/// gets its own compiled queries.
/// </summary>
public sealed class EfUserRepository<TContext>(TContext db) : IUserRepository where TContext : AuthDbContext
{
    // Compiled once per provider: the per-request account lookup (a no-tracking primary-key read on a pooled context)
    // skips LINQ translation entirely.
    private static readonly Func<TContext, long, CancellationToken, Task<User?>> ById =
        EF.CompileAsyncQuery((TContext c, long id, CancellationToken _) =>
            c.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));

    private static readonly Func<TContext, string, CancellationToken, Task<User?>> ByNormalizedName =
        EF.CompileAsyncQuery((TContext c, string name, CancellationToken _) =>
            c.Users.AsNoTracking().FirstOrDefault(u => u.NormalizedUsername == name));

    // The same lookup, joined to the session the caller's token names: one round trip decides both.
    private static readonly Func<TContext, long, string, CancellationToken, Task<User?>> ByIdInSession =
        EF.CompileAsyncQuery((TContext c, long id, string sessionId, CancellationToken _) =>
            c.Users.AsNoTracking().FirstOrDefault(u => u.Id == id
                && c.Sessions.Any(s => s.Id == sessionId && s.UserId == id && s.RevokedAt == null)));

    public Task<User?> FindByIdAsync(long id, CancellationToken ct) => ById(db, id, ct);

    public Task<User?> FindInSessionAsync(long id, string sessionId, CancellationToken ct) => ByIdInSession(db, id, sessionId, ct);

    public Task<User?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken ct) =>
        ByNormalizedName(db, normalizedUsername, ct);

    public async Task<bool> TryAddAsync(User user, CancellationToken ct)
    {
        try
        {
            await db.InsertAsync(user, ct);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is DbException inner && db.IsUniqueViolation(inner))
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

    public Task<AdminGuardedWrite> UpdateStatusAsync(long id, AccountStatus status, string? reason, CancellationToken ct) =>
        KeepingAnAdminAsync(id, removesAdmin: status != AccountStatus.Active,
            () => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Status, status)
                .SetProperty(u => u.StatusReason, reason), ct), ct);

    public async Task<bool> SetResetCodeAsync(long id, string codeHash, DateTimeOffset expiresAt, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.ResetCodeHash, codeHash)
            .SetProperty(u => u.ResetCodeExpiresAt, expiresAt), ct) == 1;

    public async Task<bool> TryResetPasswordAsync(long id, string codeHash, string passwordHash, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == id && u.ResetCodeHash == codeHash).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.PasswordHash, passwordHash)
            .SetProperty(u => u.ResetCodeHash, (string?)null)
            .SetProperty(u => u.ResetCodeExpiresAt, (DateTimeOffset?)null), ct) == 1;

    public async Task<bool> UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, passwordHash), ct) == 1;

    public Task<AdminGuardedWrite> DeleteAsync(long id, CancellationToken ct) =>
        KeepingAnAdminAsync(id, removesAdmin: true, () => db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(ct), ct);

    /// <summary>
    /// Reads every active admin's id with a lock held to the end of the transaction (MySQL and PostgreSQL: FOR UPDATE on their rows;
    /// SQLite: the write lock, taken by BEGIN IMMEDIATE), then writes only if an admin remains. A concurrent guarded
    /// write waits at that read and then sees this one's result.
    /// </summary>
    private async Task<AdminGuardedWrite> KeepingAnAdminAsync(long id, bool removesAdmin, Func<Task<int>> write, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var admins = await db.Database.SqlQueryRaw<long>(AdminIdsSql(db)).ToListAsync(ct); // constants only, no input
        if (AdminGuard.WouldLeaveNoAdmin(admins, id, removesAdmin))
            return AdminGuardedWrite.LastAdmin;
        if (await write() == 0)
            return AdminGuardedWrite.NotFound;
        await transaction.CommitAsync(ct);
        return AdminGuardedWrite.Done;
    }

    private static string AdminIdsSql(AuthDbContext db) =>
        $"SELECT id AS {db.GetService<ISqlGenerationHelper>().DelimitIdentifier("Value")} FROM users " +
        $"WHERE (role & {(int)Role.Admin}) <> 0 AND status = '{AccountStatuses.Active}'{db.ForUpdateClause}";
}
