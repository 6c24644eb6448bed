using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Services;

public sealed class AccountService(
    IUserRepository users, IPasswordHasher hasher, AuditTrail audit, TimeProvider clock) : IAccountService
{
    public const string UsernameTakenMessage = "That username is already taken.";

    public async Task<Result<User>> SignUpAsync(string username, string password, string? clientIp, CancellationToken ct)
    {
        var normalized = Usernames.Normalize(username);
        // Cheap check first so a taken name does not cost a bcrypt hash; the unique index settles races.
        if (await users.FindByNormalizedUsernameAsync(normalized, ct) is not null)
            return Result<User>.Fail(Outcome.Conflict, UsernameTakenMessage);

        var user = new User
        {
            Username = username,
            NormalizedUsername = normalized,
            PasswordHash = await hasher.HashAsync(password, ct),
            Role = Role.User,
            CreatedAt = clock.GetUtcNow(),
        };
        if (!await users.TryAddAsync(user, ct))
            return Result<User>.Fail(Outcome.Conflict, UsernameTakenMessage);

        await audit.RecordAsync(AuditEventTypes.SignUp, user.Id, user.Username, clientIp: clientIp, ct: ct);
        return Result<User>.Created(user);
    }

    public Task<User?> FindAsync(long id, CancellationToken ct) => users.FindByIdAsync(id, ct);

    public Task<User?> FindByUsernameAsync(string username, CancellationToken ct) =>
        users.FindByNormalizedUsernameAsync(Usernames.Normalize(username), ct);
}
