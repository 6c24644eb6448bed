using Auth.Core.Security;

namespace Auth.Core.Abstractions;

/// <summary>Persisted failed-login counters, so failures spread over several instances add up.</summary>
public interface ILoginThrottleStore
{
    Task<LoginThrottle?> GetAsync(string normalizedUsername, CancellationToken ct = default);

    /// <summary>Adds one failure atomically (creating the row if needed) and returns the new count.</summary>
    Task<int> RecordFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Locks the username until the given time. The count is kept: attempts that were already in flight when the lock
    /// landed still count past the limit (and are refused); the count is forgotten on a success or once the window passes.
    /// </summary>
    Task LockAsync(string normalizedUsername, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>Forgets the username's failures (after a successful login).</summary>
    Task ResetAsync(string normalizedUsername, CancellationToken ct = default);
}
