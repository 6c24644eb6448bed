using Auth.Core.Abstractions;
using Auth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

public sealed class EfLoginThrottleStore<TContext>(TContext db) : ILoginThrottleStore where TContext : AuthDbContext
{
    public Task<LoginThrottle?> GetAsync(string normalizedUsername, CancellationToken ct) =>
        db.LoginThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.NormalizedUsername == normalizedUsername, ct);

    // The row usually exists (a success keeps it, zeroed), so the conditional UPDATE comes first; only when it matched
    // nothing may the row be missing, and inserting it takes the slot in the same statement. When that insert finds the
    // row after all, another request created it between the two statements: the UPDATE, tried again, now sees it.
    public async Task<bool> TryTakeSlotAsync(string normalizedUsername, int maxChecks, DateTimeOffset at,
        DateTimeOffset failuresSince, DateTimeOffset slotsSince, CancellationToken ct) =>
        await db.TakeLoginSlotAsync(normalizedUsername, maxChecks, at, failuresSince, slotsSince, ct) == 1
        || await db.InsertLoginThrottleHoldingSlotAsync(normalizedUsername, at, ct) == 1
        || await db.TakeLoginSlotAsync(normalizedUsername, maxChecks, at, failuresSince, slotsSince, ct) == 1;

    public Task ReleaseSlotAsync(string normalizedUsername, bool forgetFailures, CancellationToken ct)
    {
        var row = db.LoginThrottles.Where(t => t.NormalizedUsername == normalizedUsername);
        return forgetFailures
            ? row.ExecuteUpdateAsync(s => s
                .SetProperty(t => t.InFlight, t => t.InFlight > 0 ? t.InFlight - 1 : 0)
                .SetProperty(t => t.Failures, 0)
                .SetProperty(t => t.LastFailureAt, (DateTimeOffset?)null)
                .SetProperty(t => t.LockedUntil, (DateTimeOffset?)null), ct)
            : row.ExecuteUpdateAsync(s => s.SetProperty(t => t.InFlight, t => t.InFlight > 0 ? t.InFlight - 1 : 0), ct);
    }

    // An upsert, the one statement whose syntax differs by provider (AuthDbContext.RecordLoginFailureAsync).
    public Task<int> RecordFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct) =>
        db.RecordLoginFailureAsync(normalizedUsername, at, ct);

    public Task LockAsync(string normalizedUsername, DateTimeOffset until, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedUsername == normalizedUsername)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedUntil, until), ct);
}
