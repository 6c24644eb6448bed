using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Options;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Microsoft.Extensions.Options;

namespace Auth.Core.Services;

public sealed class UserAdministration(
    IUserRepository users,
    IPasswordHasher hasher,
    ISessionService sessions,
    IAuditLog auditLog,
    AuditTrail audit,
    IOptions<PasswordResetOptions> resetOptions,
    TimeProvider clock) : IUserAdministration
{
    public const string NotFoundMessage = "No user has that id.";
    public const string LastAdminMessage = "That would leave no admin: promote another user to admin first.";
    public const string LastActiveAdminMessage = "That would leave no active admin: promote or enable another admin first.";

    public Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct) => users.ListAsync(page, pageSize, ct);

    public Task<User?> FindByUsernameAsync(string username, CancellationToken ct) =>
        users.FindByNormalizedUsernameAsync(Usernames.Normalize(username), ct);

    public Task<Page<AuditEvent>> ListAuditAsync(int page, int pageSize, CancellationToken ct) => auditLog.ListAsync(page, pageSize, ct);

    public async Task<Result<CreatedAccount>> CreateAsync(long? actorId, string username, Role role, string? password, CancellationToken ct)
    {
        var normalized = Usernames.Normalize(username);
        if (await users.FindByNormalizedUsernameAsync(normalized, ct) is not null)
            return Result<CreatedAccount>.Fail(Outcome.Conflict, AccountService.UsernameTakenMessage);

        var user = new User
        {
            Username = username,
            NormalizedUsername = normalized,
            // Without a password the account gets a random one nobody learns: only the reset code opens it.
            PasswordHash = await hasher.HashAsync(password ?? TokenValues.New(), ct),
            Role = role,
            CreatedAt = clock.GetUtcNow(),
        };
        if (!await users.TryAddAsync(user, ct))
            return Result<CreatedAccount>.Fail(Outcome.Conflict, AccountService.UsernameTakenMessage);
        await audit.RecordAsync(AuditEventTypes.UserCreated, user.Id, user.Username, $"role {role.ToName()}", actorId, ct: ct);

        var code = password is null ? await NewResetCodeAsync(actorId, user, ct) : null;
        return Result<CreatedAccount>.Created(new CreatedAccount(user, code));
    }

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
            // Sessions go on: every request already reads the role from the database, and the next refresh puts the
            // new role in the token for the services that read it there.
            await audit.RecordAsync(AuditEventTypes.RoleChanged, userId, user.Username,
                $"{previous.ToName()} -> {role.ToName()}", actorId, ct: ct);
        }
        user.Role = role;
        return Result<User>.Ok(user);
    }

    public async Task<Result<User>> SetStatusAsync(long? actorId, long userId, AccountStatus status, string? reason, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId, ct);
        if (user is null)
            return Result<User>.Fail(Outcome.NotFound, NotFoundMessage);

        var storedReason = status == AccountStatus.Disabled ? reason : null;
        switch (await users.UpdateStatusAsync(userId, status, storedReason, ct))
        {
            case AdminGuardedWrite.NotFound:
                return Result<User>.Fail(Outcome.NotFound, NotFoundMessage);
            case AdminGuardedWrite.LastAdmin:
                return Result<User>.Fail(Outcome.Conflict, LastActiveAdminMessage);
        }
        if (status == AccountStatus.Disabled)
            await sessions.RevokeAllAsync(userId, null, actorId, ClientInfo.Unknown, ct);
        if (status != user.Status)
            await audit.RecordAsync(status == AccountStatus.Disabled ? AuditEventTypes.UserDisabled : AuditEventTypes.UserEnabled,
                userId, user.Username, storedReason, actorId, ct: ct);
        user.Status = status;
        user.StatusReason = storedReason;
        return Result<User>.Ok(user);
    }

    public async Task<Result<ResetCode>> IssueResetCodeAsync(long? actorId, long userId, CancellationToken ct)
    {
        // Null also when the account was deleted between the read and the write.
        var code = await users.FindByIdAsync(userId, ct) is { } user ? await NewResetCodeAsync(actorId, user, ct) : null;
        return code is null ? Result<ResetCode>.Fail(Outcome.NotFound, NotFoundMessage) : Result<ResetCode>.Created(code);
    }

    public async Task<Result<User>> SetPasswordAsync(long? actorId, long userId, string password, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId, ct);
        if (user is null)
            return Result<User>.Fail(Outcome.NotFound, NotFoundMessage);
        user.PasswordHash = await hasher.HashAsync(password, ct);
        if (!await users.UpdatePasswordHashAsync(userId, user.PasswordHash, ct))
            return Result<User>.Fail(Outcome.NotFound, NotFoundMessage);
        await sessions.RevokeAllAsync(userId, null, actorId, ClientInfo.Unknown, ct);
        await audit.RecordAsync(AuditEventTypes.PasswordChanged, userId, user.Username, "set by an operator", actorId, ct: ct);
        return Result<User>.Ok(user);
    }

    public async Task<Result<IReadOnlyList<Session>>> ListSessionsAsync(long userId, CancellationToken ct) =>
        await users.FindByIdAsync(userId, ct) is null
            ? Result<IReadOnlyList<Session>>.Fail(Outcome.NotFound, NotFoundMessage)
            : Result<IReadOnlyList<Session>>.Ok(await sessions.ListAsync(userId, ct));

    public async Task<Result<int>> RevokeSessionsAsync(long? actorId, long userId, CancellationToken ct) =>
        await users.FindByIdAsync(userId, ct) is null
            ? Result<int>.Fail(Outcome.NotFound, NotFoundMessage)
            : Result<int>.Ok(await sessions.RevokeAllAsync(userId, null, actorId, ClientInfo.Unknown, ct));

    public async Task<Result<bool>> DeleteAsync(long? actorId, long userId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId, ct);
        if (user is null)
            return Result<bool>.Fail(Outcome.NotFound, NotFoundMessage);

        // Their sessions and refresh tokens go with the row (ON DELETE CASCADE on every backend), and the per-request
        // lookup refuses their access tokens from the next request on.
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

    private async Task<ResetCode?> NewResetCodeAsync(long? actorId, User user, CancellationToken ct)
    {
        var code = new ResetCode(TokenValues.New(16), clock.GetUtcNow() + resetOptions.Value.CodeLifetime);
        if (!await users.SetResetCodeAsync(user.Id, TokenValues.Hash(code.Code), code.ExpiresAt, ct))
            return null;
        await audit.RecordAsync(AuditEventTypes.PasswordResetIssued, user.Id, user.Username,
            $"expires {code.ExpiresAt:O}", actorId, ct: ct);
        return code;
    }
}
