using System.Security.Cryptography;
using System.Text;
using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Options;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Microsoft.Extensions.Options;

namespace Auth.Core.Services;

public sealed class AuthenticationService(
    IUserRepository users,
    IPasswordHasher hasher,
    ITokenIssuer tokens,
    IRefreshTokenStore refreshTokens,
    ILoginThrottleStore throttles,
    AuditTrail audit,
    IOptions<LockoutOptions> lockout,
    IOptions<RefreshTokenOptions> refreshOptions,
    TimeProvider clock) : IAuthenticationService
{
    public const string InvalidCredentialsMessage = "Invalid username or password.";
    public const string TooManyAttemptsMessage = "Too many failed attempts. Try again later.";
    public const string InvalidRefreshTokenMessage = "The refresh token is invalid, expired or revoked.";

    public async Task<Result<SignedIn>> AuthenticateAsync(string username, string password, string? clientIp, CancellationToken ct)
    {
        var normalized = Usernames.Normalize(username);
        var now = clock.GetUtcNow();
        var options = lockout.Value;
        // A name that breaks the username rules cannot exist: it costs the same bcrypt work but no throttle row.
        var possible = Usernames.IsValid(username);
        var throttle = possible ? await throttles.GetAsync(normalized, ct) : null;

        // A locked name answers the same whether or not the password is right or the account exists.
        if (throttle?.LockedUntil is { } lockedUntil && lockedUntil > now)
            return await RefuseLockedAsync(username, clientIp, lockedUntil - now, ct);

        var attempt = 0;
        if (possible)
        {
            // Failures older than the lockout window are forgotten rather than adding up forever.
            if (throttle is { Failures: > 0, LastFailureAt: { } last } && now - last >= options.Duration)
                await throttles.ResetAsync(normalized, ct);
            // The attempt is counted before the password is checked (and forgotten if it proves right), so a burst
            // of parallel guesses cannot all reach bcrypt before the lock lands: at most MaxFailures per window do.
            attempt = await throttles.RecordFailureAsync(normalized, now, ct);
            if (attempt > options.MaxFailures)
                return await RefuseLockedAsync(username, clientIp, options.Duration, ct);
        }

        var user = possible ? await users.FindByNormalizedUsernameAsync(normalized, ct) : null;
        var verification = await hasher.VerifyAsync(user?.PasswordHash, password, ct);
        if (user is null || verification == PasswordVerification.Failed)
        {
            await audit.RecordAsync(AuditEventTypes.LoginFailed, user?.Id, username,
                user is null ? "unknown username" : "wrong password", clientIp: clientIp, ct: ct);
            if (possible && attempt >= options.MaxFailures)
            {
                await throttles.LockAsync(normalized, now + options.Duration, ct);
                await audit.RecordAsync(AuditEventTypes.LockedOut, user?.Id, username,
                    $"{attempt} failed attempts: locked until {now + options.Duration:O}", clientIp: clientIp, ct: ct);
            }
            return Result<SignedIn>.Fail(Outcome.InvalidCredentials, InvalidCredentialsMessage);
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            user.PasswordHash = await hasher.HashAsync(password, ct);
            await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct);
        }
        await throttles.ResetAsync(normalized, ct);

        var signedIn = await IssueAsync(user, NewFamilyId(), now, ct);
        await audit.RecordAsync(AuditEventTypes.LoginSucceeded, user.Id, user.Username, clientIp: clientIp, ct: ct);
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
