using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Options;
using Auth.Core.Services;
using Auth.Core.Users;
using Microsoft.Extensions.Options;

namespace Auth.Core.Security;

/// <summary>
/// The per-username lockout that every credential check goes through (a login's password, the current password of a
/// password change or an account deletion, a reset code): at most <c>Lockout:MaxFailures</c> wrong credentials per
/// window reach the check, counted in the database so that several instances share the count.
/// </summary>
public sealed class CredentialThrottle(
    ILoginThrottleStore throttles, AuditTrail audit, IOptions<LockoutOptions> lockout, TimeProvider clock)
{
    /// <summary>
    /// Runs <paramref name="check"/> (a bcrypt verification, or a code comparison) unless the username is locked.
    /// A name that breaks the username rules cannot exist: it is checked (at the same cost) without a throttle row.
    /// </summary>
    public async Task<CredentialCheck> CheckAsync(
        string username, long? userId, Func<CancellationToken, Task<bool>> check, string? clientIp, CancellationToken ct)
    {
        if (!Usernames.IsValid(username))
            return await check(ct) ? CredentialCheck.Passed : CredentialCheck.Failed;

        var normalized = Usernames.Normalize(username);
        var now = clock.GetUtcNow();
        var options = lockout.Value;
        var throttle = await throttles.GetAsync(normalized, ct);

        // A locked name answers the same whether or not the credential is right or the account exists.
        if (throttle?.LockedUntil is { } lockedUntil && lockedUntil > now)
            return CredentialCheck.Locked(lockedUntil - now);

        // Failures older than the lockout window are forgotten rather than adding up forever.
        if (throttle is { Failures: > 0, LastFailureAt: { } last } && now - last >= options.Duration)
            await throttles.ResetAsync(normalized, ct);
        // The attempt is counted before the credential is checked (and forgotten if it proves right), so a burst
        // of parallel guesses cannot all reach the check before the lock lands: at most MaxFailures per window do.
        var attempt = await throttles.RecordFailureAsync(normalized, now, ct);
        if (attempt > options.MaxFailures)
            return CredentialCheck.Locked(options.Duration);

        if (await check(ct))
        {
            await throttles.ResetAsync(normalized, ct);
            return CredentialCheck.Passed;
        }
        if (attempt >= options.MaxFailures)
        {
            await throttles.LockAsync(normalized, now + options.Duration, ct);
            await audit.RecordAsync(AuditEventTypes.LockedOut, userId, username,
                $"{attempt} failed attempts: locked until {now + options.Duration:O}", clientIp: clientIp, ct: ct);
        }
        return CredentialCheck.Failed;
    }

    /// <summary>Forgets the username's failures and lock (after a password reset).</summary>
    public Task ClearAsync(string username, CancellationToken ct) => throttles.ResetAsync(Usernames.Normalize(username), ct);
}
