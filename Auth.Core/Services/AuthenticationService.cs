using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Core.Users;

namespace Auth.Core.Services;

public sealed class AuthenticationService(
    IUserRepository users,
    IPasswordHasher hasher,
    IRefreshTokenStore refreshTokens,
    ISessionService sessions,
    SessionTokens sessionTokens,
    CredentialThrottle throttle,
    AuditTrail audit,
    TimeProvider clock) : IAuthenticationService
{
    public const string InvalidCredentialsMessage = "Invalid username or password.";
    public const string TooManyAttemptsMessage = "Too many failed attempts. Try again later.";
    public const string InvalidRefreshTokenMessage = "The refresh token is invalid, expired or revoked.";
    public const string AccountDisabledCode = "account_disabled";
    public const string AccountDisabledMessage = "This account is disabled. Ask an admin to enable it.";

    public async Task<Result<SignedIn>> AuthenticateAsync(string username, string password, ClientInfo? client, CancellationToken ct)
    {
        client ??= ClientInfo.Unknown;
        var user = Usernames.IsValid(username) ? await users.FindByNormalizedUsernameAsync(Usernames.Normalize(username), ct) : null;
        var rehash = false;
        var check = await throttle.CheckAsync(username, user?.Id, async token =>
        {
            // With no account, bcrypt runs against a dummy hash: an unknown name costs what a wrong password costs.
            var verification = await hasher.VerifyAsync(user?.PasswordHash, password, token);
            rehash = verification == PasswordVerification.SucceededRehashNeeded;
            return user is not null && verification != PasswordVerification.Failed;
        }, client.Ip, ct);

        switch (check.Outcome)
        {
            case CredentialCheckOutcome.Locked:
                await audit.RecordAsync(AuditEventTypes.LoginFailed, null, username, "locked out", clientIp: client.Ip, ct: ct);
                return Result<SignedIn>.Fail(Outcome.TooManyAttempts, TooManyAttemptsMessage, check.RetryAfter);
            case CredentialCheckOutcome.Failed:
                await audit.RecordAsync(AuditEventTypes.LoginFailed, user?.Id, username,
                    user is null ? "unknown username" : "wrong password", clientIp: client.Ip, ct: ct);
                return Result<SignedIn>.Fail(Outcome.InvalidCredentials, InvalidCredentialsMessage);
        }

        // Only the right password learns that the account is disabled; a wrong one gets the usual 401.
        if (user!.Status == AccountStatus.Disabled)
        {
            await audit.RecordAsync(AuditEventTypes.LoginFailed, user.Id, user.Username, "account disabled", clientIp: client.Ip, ct: ct);
            return Result<SignedIn>.Forbidden(AccountDisabledCode, AccountDisabledMessage);
        }
        if (rehash)
        {
            user.PasswordHash = await hasher.HashAsync(password, ct);
            await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct);
        }

        var signedIn = await sessionTokens.StartAsync(user, client, ct);
        await audit.RecordAsync(AuditEventTypes.LoginSucceeded, user.Id, user.Username, clientIp: client.Ip, ct: ct);
        return Result<SignedIn>.Ok(signedIn);
    }

    public async Task<Result<SignedIn>> RefreshAsync(string refreshToken, ClientInfo? client, CancellationToken ct)
    {
        client ??= ClientInfo.Unknown;
        var now = clock.GetUtcNow();
        var stored = await refreshTokens.FindByHashAsync(TokenValues.Hash(refreshToken), ct);
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now)
            return InvalidRefresh();

        // Used before, or used by a concurrent request a moment ago: either way someone holds a copy, so the
        // session ends for both.
        if (stored.ConsumedAt is not null || !await refreshTokens.TryConsumeAsync(stored.Id, now, ct))
        {
            await sessions.RevokeAsync(stored.UserId, stored.FamilyId, null, client, ct);
            await audit.RecordAsync(AuditEventTypes.RefreshReused, stored.UserId, null,
                $"session {stored.FamilyId} revoked", clientIp: client.Ip, ct: ct);
            return InvalidRefresh();
        }

        var user = await users.FindByIdAsync(stored.UserId, ct);
        if (user is null || user.Status == AccountStatus.Disabled)
            return InvalidRefresh();
        return await sessionTokens.ContinueAsync(user, stored.FamilyId, client, ct) is { } signedIn
            ? Result<SignedIn>.Ok(signedIn)
            : InvalidRefresh();
    }

    public async Task<Result<bool>> LogoutAsync(long userId, string refreshToken, ClientInfo? client, CancellationToken ct)
    {
        client ??= ClientInfo.Unknown;
        var stored = await refreshTokens.FindByHashAsync(TokenValues.Hash(refreshToken), ct);
        if (stored is null || stored.UserId != userId || stored.RevokedAt is not null)
            return Result<bool>.Fail(Outcome.InvalidCredentials, InvalidRefreshTokenMessage);

        await sessions.RevokeAsync(userId, stored.FamilyId, userId, client, ct);
        await audit.RecordAsync(AuditEventTypes.Logout, userId, null, clientIp: client.Ip, ct: ct);
        return Result<bool>.Ok(true);
    }

    private static Result<SignedIn> InvalidRefresh() =>
        Result<SignedIn>.Fail(Outcome.InvalidCredentials, InvalidRefreshTokenMessage);
}
