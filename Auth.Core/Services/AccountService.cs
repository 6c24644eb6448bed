using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Options;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Microsoft.Extensions.Options;

namespace Auth.Core.Services;

public sealed class AccountService(
    IUserRepository users,
    IPasswordHasher hasher,
    ISessionService sessions,
    SessionTokens sessionTokens,
    CredentialThrottle throttle,
    AuditTrail audit,
    IOptions<SignupOptions> signup,
    TimeProvider clock) : IAccountService
{
    public const string UsernameTakenMessage = "That username is already taken.";
    public const string SignupClosedCode = "signup_closed";
    public const string SignupClosedMessage = "Sign-up is closed: ask an admin to create your account.";
    public const string WrongCurrentPasswordMessage = "The current password is wrong.";
    public const string WrongPasswordMessage = "The password is wrong.";
    public const string InvalidResetMessage = "The username or reset code is wrong, used or expired.";

    public bool SignupOpen => signup.Value.IsOpen;

    public async Task<Result<User>> SignUpAsync(string username, string password, string? clientIp, CancellationToken ct)
    {
        if (!SignupOpen)
            return Result<User>.Forbidden(SignupClosedCode, SignupClosedMessage);
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

    public async Task<Result<SignedIn>> ChangePasswordAsync(
        User user, string currentPassword, string newPassword, ClientInfo client, CancellationToken ct)
    {
        var check = await CheckPasswordAsync(user, currentPassword, client, ct);
        if (check.Outcome != CredentialCheckOutcome.Passed)
            return Refused<SignedIn>(check, "currentPassword", WrongCurrentPasswordMessage);

        user.PasswordHash = await hasher.HashAsync(newPassword, ct);
        if (!await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct))
            return Result<SignedIn>.Fail(Outcome.NotFound, UserAdministration.NotFoundMessage);
        await sessions.RevokeAllAsync(user.Id, null, user.Id, client, ct);
        await audit.RecordAsync(AuditEventTypes.PasswordChanged, user.Id, user.Username, actorId: user.Id, clientIp: client.Ip, ct: ct);
        return Result<SignedIn>.Ok(await sessionTokens.StartAsync(user, client, ct));
    }

    public async Task<Result<SignedIn>> ResetPasswordAsync(
        string username, string code, string newPassword, ClientInfo client, CancellationToken ct)
    {
        var user = Usernames.IsValid(username) ? await users.FindByNormalizedUsernameAsync(Usernames.Normalize(username), ct) : null;
        var codeHash = TokenValues.Hash(code);
        var now = clock.GetUtcNow();
        var check = await throttle.CheckAsync(username, user?.Id, _ => Task.FromResult(
            user is { ResetCodeExpiresAt: { } expires } && expires > now && TokenValues.HashesEqual(user.ResetCodeHash, codeHash)), client.Ip, ct);
        if (check.Outcome != CredentialCheckOutcome.Passed)
            return Refused<SignedIn>(check, "code", InvalidResetMessage);
        if (user!.Status == AccountStatus.Disabled)
            return Result<SignedIn>.Forbidden(AuthenticationService.AccountDisabledCode, AuthenticationService.AccountDisabledMessage);

        user.PasswordHash = await hasher.HashAsync(newPassword, ct);
        // Single use: of two requests with the same code, only one matches the stored hash.
        if (!await users.TryResetPasswordAsync(user.Id, codeHash, user.PasswordHash, ct))
            return Result<SignedIn>.Invalid("code", InvalidResetMessage);
        await sessions.RevokeAllAsync(user.Id, null, user.Id, client, ct);
        await audit.RecordAsync(AuditEventTypes.PasswordReset, user.Id, user.Username, clientIp: client.Ip, ct: ct);
        return Result<SignedIn>.Ok(await sessionTokens.StartAsync(user, client, ct));
    }

    public async Task<Result<bool>> DeleteAsync(User user, string password, ClientInfo client, CancellationToken ct)
    {
        var check = await CheckPasswordAsync(user, password, client, ct);
        if (check.Outcome != CredentialCheckOutcome.Passed)
            return Refused<bool>(check, "password", WrongPasswordMessage);

        switch (await users.DeleteAsync(user.Id, ct))
        {
            case AdminGuardedWrite.NotFound:
                return Result<bool>.Fail(Outcome.NotFound, UserAdministration.NotFoundMessage);
            case AdminGuardedWrite.LastAdmin:
                return Result<bool>.Fail(Outcome.Conflict, UserAdministration.LastAdminMessage);
        }
        await audit.RecordAsync(AuditEventTypes.UserDeleted, user.Id, user.Username, "self", user.Id, client.Ip, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>The signed-in user's own password, through the same lockout as a login.</summary>
    private Task<CredentialCheck> CheckPasswordAsync(User user, string password, ClientInfo client, CancellationToken ct) =>
        throttle.CheckAsync(user.Username, user.Id,
            async token => await hasher.VerifyAsync(user.PasswordHash, password, token) != PasswordVerification.Failed,
            client.Ip, ct);

    private static Result<T> Refused<T>(CredentialCheck check, string field, string message) =>
        check.Outcome == CredentialCheckOutcome.Locked
            ? Result<T>.Fail(Outcome.TooManyAttempts, AuthenticationService.TooManyAttemptsMessage, check.RetryAfter)
            : Result<T>.Invalid(field, message);
}
