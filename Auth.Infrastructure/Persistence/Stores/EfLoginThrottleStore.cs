using Auth.Core.Abstractions;
using Auth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

public sealed class EfLoginThrottleStore<TContext>(TContext db) : ILoginThrottleStore where TContext : AuthDbContext
{
    public Task<LoginThrottle?> GetAsync(string normalizedUsername, CancellationToken ct) =>
        db.LoginThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.NormalizedUsername == normalizedUsername, ct);

    // An upsert, the one statement whose syntax differs by provider (AuthDbContext.RecordLoginFailureAsync).
    public Task<int> RecordFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct) =>
        db.RecordLoginFailureAsync(normalizedUsername, at, ct);

    public Task LockAsync(string normalizedUsername, DateTimeOffset until, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedUsername == normalizedUsername)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedUntil, until), ct);

    public Task ResetAsync(string normalizedUsername, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedUsername == normalizedUsername).ExecuteDeleteAsync(ct);
}
