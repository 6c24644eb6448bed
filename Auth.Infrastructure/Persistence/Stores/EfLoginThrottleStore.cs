using Auth.Core.Abstractions;
using Auth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

public sealed class EfLoginThrottleStore<TContext>(TContext db) : ILoginThrottleStore where TContext : AuthDbContext
{
    public Task<LoginThrottle?> GetAsync(string normalizedUsername, CancellationToken ct) =>
        db.LoginThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.NormalizedUsername == normalizedUsername, ct);

    public async Task<int> RecordFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct)
    {
        // One upsert statement, so failures arriving at several instances at once all count.
        // SQLite and PostgreSQL share this ON CONFLICT ... RETURNING syntax.
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO login_throttles (normalized_username, failures, last_failure_at)
            VALUES ({normalizedUsername}, 1, {at})
            ON CONFLICT (normalized_username)
            DO UPDATE SET failures = login_throttles.failures + 1, last_failure_at = excluded.last_failure_at
            RETURNING failures AS "Value"
            """).ToListAsync(ct);
        return counts.Single();
    }

    public Task LockAsync(string normalizedUsername, DateTimeOffset until, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedUsername == normalizedUsername)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedUntil, until), ct);

    public Task ResetAsync(string normalizedUsername, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedUsername == normalizedUsername).ExecuteDeleteAsync(ct);
}
