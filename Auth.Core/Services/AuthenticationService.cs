using System.Security.Cryptography;
using System.Text;
using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Options;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Microsoft.Extensions.Options;

namespace Auth.Core.Services;

public sealed class AuthenticationService(
    IUserRepository users,
    IPasswordHasher hasher,
    ITokenIssuer tokens,
    IRefreshTokenStore refreshTokens,
    CredentialThrottle throttle,
    AuditTrail audit,
    IOptions<RefreshTokenOptions> refreshOptions,
    TimeProvider clock) : IAuthenticationService
{
    public const string InvalidCredentialsMessage = "Invalid username or password.";
    public const string TooManyAttemptsMessage = "Too many failed attempts. Try again later.";
    public const string InvalidRefreshTokenMessage = "The refresh token is invalid, expired or revoked.";

    public async Task<Result<SignedIn>> AuthenticateAsync(string username, string password, string? clientIp, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = Usernames.IsValid(username) ? await users.FindByNormalizedUsernameAsync(Usernames.Normalize(username), ct) : null;
        var rehash = false;
        var check = await throttle.CheckAsync(username, user?.Id, async token =>
        {
            // With no account, bcrypt runs against a dummy hash: an unknown name costs what a wrong password costs.
            var verification = await hasher.VerifyAsync(user?.PasswordHash, password, token);
            rehash = verification == PasswordVerification.SucceededRehashNeeded;
            return user is not null && verification != PasswordVerification.Failed;
        }, clientIp, ct);

        switch (check.Outcome)
        {
            case CredentialCheckOutcome.Locked:
                return await RefuseLockedAsync(username, clientIp, check.RetryAfter, ct);
            case CredentialCheckOutcome.Failed:
                await audit.RecordAsync(AuditEventTypes.LoginFailed, user?.Id, username,
                    user is null ? "unknown username" : "wrong password", clientIp: clientIp, ct: ct);
                return Result<SignedIn>.Fail(Outcome.InvalidCredentials, InvalidCredentialsMessage);
        }

        if (rehash)
        {
            user!.PasswordHash = await hasher.HashAsync(password, ct);
            await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct);
        }

        var signedIn = await IssueAsync(user!, NewFamilyId(), now, ct);
        await audit.RecordAsync(AuditEventTypes.LoginSucceeded, user!.Id, user.Username, clientIp: clientIp, ct: ct);
        return Result<SignedIn>.Ok(signedIn);
    }

    private async Task<Result<SignedIn>> RefuseLockedAsync(string username, string? clientIp, TimeSpan retryAfter, CancellationToken ct)
    {
        await audit.RecordAsync(AuditEventTypes.LoginFailed, null, username, "locked out", clientIp: clientIp, ct: ct);
        return Result<SignedIn>.Fail(Outcome.TooManyAttempts, TooManyAttemptsMessage, retryAfter);
    }

    public async Task<Result<SignedIn>> RefreshAsync(string refreshToken, string? clientIp, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stored = await refreshTokens.FindByHashAsync(HashToken(refreshToken), ct);
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now)
            return InvalidRefresh();

        // Used before, or used by a concurrent request a moment ago: either way someone holds a copy.
        if (stored.ConsumedAt is not null || !await refreshTokens.TryConsumeAsync(stored.Id, now, ct))
        {
            await refreshTokens.RevokeFamilyAsync(stored.FamilyId, now, ct);
            await audit.RecordAsync(AuditEventTypes.RefreshReused, stored.UserId, null,
                $"family {stored.FamilyId} revoked", clientIp: clientIp, ct: ct);
            return InvalidRefresh();
        }

        var user = await users.FindByIdAsync(stored.UserId, ct);
        if (user is null)
            return InvalidRefresh();
        return Result<SignedIn>.Ok(await IssueAsync(user, stored.FamilyId, now, ct));
    }

    public async Task<Result<bool>> LogoutAsync(long userId, string refreshToken, string? clientIp, CancellationToken ct)
    {
        var stored = await refreshTokens.FindByHashAsync(HashToken(refreshToken), ct);
        if (stored is null || stored.UserId != userId || stored.RevokedAt is not null)
            return Result<bool>.Fail(Outcome.InvalidCredentials, InvalidRefreshTokenMessage);

        await refreshTokens.RevokeFamilyAsync(stored.FamilyId, clock.GetUtcNow(), ct);
        await audit.RecordAsync(AuditEventTypes.Logout, userId, null, clientIp: clientIp, ct: ct);
        return Result<bool>.Ok(true);
    }

    private async Task<SignedIn> IssueAsync(User user, string familyId, DateTimeOffset now, CancellationToken ct)
    {
        var value = NewTokenValue();
        await refreshTokens.AddAsync(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = HashToken(value),
            CreatedAt = now,
            ExpiresAt = now + refreshOptions.Value.Lifetime,
        }, ct);
        return new SignedIn(tokens.Issue(user, familyId), value, user);
    }

    private static Result<SignedIn> InvalidRefresh() =>
        Result<SignedIn>.Fail(Outcome.InvalidCredentials, InvalidRefreshTokenMessage);

    /// <summary>256 random bits, URL-safe.</summary>
    private static string NewTokenValue() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string NewFamilyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Only this hash is stored, so a database leak does not leak usable tokens.</summary>
    public static string HashToken(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
