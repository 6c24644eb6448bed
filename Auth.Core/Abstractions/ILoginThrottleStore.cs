using Auth.Core.Security;

namespace Auth.Core.Abstractions;

/// <summary>
/// Persisted per-username failure counters and verification slots, so that checks and failures spread over several
/// instances add up. Every write is one atomic statement (or an upsert) on the username's row.
/// </summary>
public interface ILoginThrottleStore
{
    Task<LoginThrottle?> GetAsync(string normalizedUsername, CancellationToken ct = default);

    /// <summary>
    /// Takes one verification slot, atomically and creating the row if needed, when the username is not locked at
    /// <paramref name="at"/> and its failures since <paramref name="failuresSince"/> plus its slots taken since
    /// <paramref name="slotsSince"/> are fewer than <paramref name="maxChecks"/>; returns false (changing nothing)
    /// otherwise. Failures last seen before <paramref name="failuresSince"/> are forgotten, and an in-flight count whose
    /// newest slot is older than <paramref name="slotsSince"/> is void (its holders crashed), as the slot is taken.
    /// </summary>
    Task<bool> TryTakeSlotAsync(string normalizedUsername, int maxChecks, DateTimeOffset at,
        DateTimeOffset failuresSince, DateTimeOffset slotsSince, CancellationToken ct = default);

    /// <summary>
    /// Gives back a slot taken by <see cref="TryTakeSlotAsync"/> (never below zero). After a right credential,
    /// <paramref name="forgetFailures"/> also forgets the failures and the lock.
    /// </summary>
    Task ReleaseSlotAsync(string normalizedUsername, bool forgetFailures, CancellationToken ct = default);

    /// <summary>
    /// After a wrong credential: adds one failure and gives back the check's slot in one atomic statement (creating the
    /// row if needed), and returns the new failure count.
    /// </summary>
    Task<int> RecordFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Locks the username until the given time; the failure count is kept until a success or the window passes.</summary>
    Task LockAsync(string normalizedUsername, DateTimeOffset until, CancellationToken ct = default);
}
