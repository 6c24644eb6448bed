using System.Security.Cryptography;
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
/// <remarks>
/// A check runs only while it holds one of the username's verification slots, and a slot is free only while the
/// confirmed failures plus the checks in flight are fewer than <c>Lockout:MaxFailures</c>; so parallel guesses cannot
/// outrun the lock, yet nothing is counted as a failure before a credential has proved wrong. A check that finds every
/// slot taken by checks in flight waits for one (docs/decisions/0015).
/// </remarks>
public sealed class CredentialThrottle(
    ILoginThrottleStore throttles, AuditTrail audit, IOptions<LockoutOptions> lockout, TimeProvider clock)
{
    /// <summary>How long a slot counts without being given back: longer than any check takes, so only a crashed instance's slots expire.</summary>
    public static readonly TimeSpan SlotLease = TimeSpan.FromSeconds(30);

    /// <summary>How long a check waits for a slot before giving up with <see cref="VerificationSlotTimeoutException"/>.</summary>
    public static readonly TimeSpan MaxSlotWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs <paramref name="check"/> (a bcrypt verification, or a code comparison) unless the username is locked, waiting
    /// for a verification slot while other checks of the name hold them all. A name that breaks the username rules
    /// cannot exist: it is checked (at the same cost) without a throttle row.
    /// </summary>
    /// <exception cref="VerificationSlotTimeoutException">No slot came free within <see cref="MaxSlotWait"/>: nothing was checked or counted.</exception>
    public async Task<CredentialCheck> CheckAsync(
        string username, long? userId, Func<CancellationToken, Task<bool>> check, string? clientIp, CancellationToken ct)
    {
        if (!Usernames.IsValid(username))
            return await check(ct) ? CredentialCheck.Passed : CredentialCheck.Failed;

        var normalized = Usernames.Normalize(username);
        var options = lockout.Value;
        // A locked name answers the same whether or not the credential is right or the account exists.
        if (await TakeSlotAsync(normalized, options, ct) is { } locked)
            return locked;

        bool passed;
        try
        {
            passed = await check(ct);
        }
        catch
        {
            // The check never finished (cancelled, or a fault): give the slot back and count nothing.
            await throttles.ReleaseSlotAsync(normalized, forgetFailures: false, CancellationToken.None);
            throw;
        }

        // From here the outcome is settled: it is recorded even if the caller has gone, or a guess could go uncounted.
        if (passed)
        {
            await throttles.ReleaseSlotAsync(normalized, forgetFailures: true, CancellationToken.None);
            return CredentialCheck.Passed;
        }
        var at = clock.GetUtcNow();
        var failures = await throttles.RecordFailureAsync(normalized, at, CancellationToken.None);
        if (failures >= options.MaxFailures)
        {
            await throttles.LockAsync(normalized, at + options.Duration, CancellationToken.None);
            await audit.RecordAsync(AuditEventTypes.LockedOut, userId, username,
                $"{failures} failed attempts: locked until {at + options.Duration:O}", clientIp: clientIp, ct: ct);
        }
        return CredentialCheck.Failed;
    }

    /// <summary>Takes a slot (null), or says for how long the name is locked.</summary>
    private async Task<CredentialCheck?> TakeSlotAsync(string normalized, LockoutOptions options, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + MaxSlotWait;
        while (true)
        {
            var now = clock.GetUtcNow();
            if (await throttles.TryTakeSlotAsync(normalized, options.MaxFailures, now, now - options.Duration, now - SlotLease, ct))
                return null;

            // Not taken: the name is locked, or checks in flight hold every slot. Wait by reading (a write would
            // contend with the checks giving their slots back) until a slot looks free, then try to take it again.
            var row = await throttles.GetAsync(normalized, ct);
            do
            {
                if (LockedFor(row, now, options) is { } retryAfter)
                    return CredentialCheck.Locked(retryAfter);
                if (now >= deadline)
                    throw new VerificationSlotTimeoutException(MaxSlotWait);
                await PauseAsync(ct);
                now = clock.GetUtcNow();
                row = await throttles.GetAsync(normalized, ct);
            }
            while (!HasFreeSlot(row, now, options));
        }
    }

    // Confirmed failures still inside the window (today's rule: forgotten once the window has passed since the last one).
    private static int FailuresInWindow(LoginThrottle row, DateTimeOffset now, LockoutOptions options) =>
        row.LastFailureAt is { } last && last > now - options.Duration ? row.Failures : 0;

    private static int SlotsHeld(LoginThrottle row, DateTimeOffset now) =>
        row.InFlightSince is { } since && since > now - SlotLease ? row.InFlight : 0;

    /// <summary>How long the name stays locked, or null. MaxFailures failures lock it even before the lock is written.</summary>
    private static TimeSpan? LockedFor(LoginThrottle? row, DateTimeOffset now, LockoutOptions options)
    {
        if (row is null)
            return null;
        if (row.LockedUntil is { } until && until > now)
            return until - now;
        if (FailuresInWindow(row, now, options) >= options.MaxFailures)
            return row.LastFailureAt!.Value + options.Duration - now;
        return null;
    }

    // The store's condition for taking a slot, read from a row (no row: nothing counted yet).
    private static bool HasFreeSlot(LoginThrottle? row, DateTimeOffset now, LockoutOptions options) =>
        row is null
        || (row.LockedUntil is not { } until || until <= now)
        && FailuresInWindow(row, now, options) + SlotsHeld(row, now) < options.MaxFailures;

    /// <summary>
    /// A short real pause between reads. It is back-off, not a deadline: the deadlines (the window, the lease, the wait)
    /// come from the TimeProvider, so a test's frozen FakeTimeProvider neither hangs a waiting check nor times it out.
    /// </summary>
    private static Task PauseAsync(CancellationToken ct) =>
        Task.Delay(TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(10, 40)), TimeProvider.System, ct);
}
