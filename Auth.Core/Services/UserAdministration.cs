using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Services;

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

        var previous = user.Role;
        if (previous != role)
        {
            // The store checks "not the last admin" and writes in one locked transaction (IUserRepository).
            switch (await users.UpdateRoleAsync(userId, role, ct))
            {
                case AdminGuardedWrite.NotFound:
                    return Result<User>.Fail(Outcome.NotFound, NotFoundMessage);
                case AdminGuardedWrite.LastAdmin:
                    return Result<User>.Fail(Outcome.Conflict, LastAdminMessage);
            }
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

        // Their refresh tokens go with the row (ON DELETE CASCADE on every backend), and the per-request role lookup
        // refuses their access tokens from the next request on.
        switch (await users.DeleteAsync(userId, ct))
        {
            case AdminGuardedWrite.NotFound:
                return Result<bool>.Fail(Outcome.NotFound, NotFoundMessage);
            case AdminGuardedWrite.LastAdmin:
                return Result<bool>.Fail(Outcome.Conflict, LastAdminMessage);
        }
        await audit.RecordAsync(AuditEventTypes.UserDeleted, userId, user.Username, actorId: actorId, ct: ct);
        return Result<bool>.Ok(true);
    }
}
