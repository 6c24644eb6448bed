using Auth.Core.Abstractions;
using Auth.Core.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

public sealed class EfRefreshTokenStore<TContext>(TContext db) : IRefreshTokenStore where TContext : AuthDbContext
{
    public Task AddAsync(RefreshToken token, CancellationToken ct) => db.InsertAsync(token, ct);

    public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken ct) =>
        db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, ct);

    // One conditional UPDATE: of two racing consumers only one matches the row.
    public async Task<bool> TryConsumeAsync(long id, DateTimeOffset at, CancellationToken ct) =>
        await db.RefreshTokens.Where(t => t.Id == id && t.ConsumedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, at), ct) == 1;
}
