using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Services;

/// <summary>What admins do to accounts: list them, change roles, delete them, never leaving no admin.</summary>
public interface IUserAdministration
{
    Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct = default);

    /// <summary>The actor is the admin who asked, or null for an operator at the command line or start-up configuration.</summary>
    Task<Result<User>> ChangeRoleAsync(long? actorId, long userId, Role role, CancellationToken ct = default);

    Task<Result<bool>> DeleteAsync(long? actorId, long userId, CancellationToken ct = default);

    Task<Page<AuditEvent>> ListAuditAsync(int page, int pageSize, CancellationToken ct = default);
}

public sealed class UserAdministration(
    IUserRepository users, IRefreshTokenStore refreshTokens, IAuditLog auditLog, AuditTrail audit, TimeProvider clock)
    : IUserAdministration
{
    public const string NotFoundMessage = "No user has that id.";
    public const string LastAdminMessage = "That would leave no admin: promote another user to admin first.";

    public Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct) => users.ListAsync(page, pageSize, ct);

    public Task<Page<AuditEvent>> ListAuditAsync(int page, int pageSize, CancellationToken ct) => auditLog.ListAsync(page, pageSize, ct);

    public async Task<Result<User>> ChangeRoleAsync(long? actorId, long userId, Role role, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId, ct);
        if (user is null)
            return Result<User>.Fail(Outcome.NotFound, NotFoundMessage);
        if (user.Role.IsAdmin() && !role.IsAdmin() && await IsLastAdminAsync(ct))
            return Result<User>.Fail(Outcome.Conflict, LastAdminMessage);

        var previous = user.Role;
        if (previous != role)
        {
            if (!await users.UpdateRoleAsync(userId, role, ct))
                return Result<User>.Fail(Outcome.NotFound, NotFoundMessage);
            // Sessions started under the old role must sign in again to get tokens for the new one.
            await refreshTokens.RevokeAllForUserAsync(userId, clock.GetUtcNow(), ct);
            await audit.RecordAsync(AuditEventTypes.RoleChanged, userId, user.Username,
                $"{previous.ToName()} -> {role.ToName()}", actorId, ct: ct);
        }
        user.Role = role;
        return Result<User>.Ok(user);
    }

    public async Task<Result<bool>> DeleteAsync(long? actorId, long userId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId, ct);
        if (user is null)
            return Result<bool>.Fail(Outcome.NotFound, NotFoundMessage);
        if (user.Role.IsAdmin() && await IsLastAdminAsync(ct))
            return Result<bool>.Fail(Outcome.Conflict, LastAdminMessage);

        await refreshTokens.RevokeAllForUserAsync(userId, clock.GetUtcNow(), ct);
        if (!await users.DeleteAsync(userId, ct))
            return Result<bool>.Fail(Outcome.NotFound, NotFoundMessage);
        await audit.RecordAsync(AuditEventTypes.UserDeleted, userId, user.Username, actorId: actorId, ct: ct);
        return Result<bool>.Ok(true);
    }

    private async Task<bool> IsLastAdminAsync(CancellationToken ct) =>
        await users.CountWithRoleAsync(Role.Admin, ct) <= 1;
}
