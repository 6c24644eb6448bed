using System.Data.Common;
using Auth.Core.Abstractions;
using Auth.Core.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

public sealed class EfSigningKeyStore<TContext>(TContext db) : ISigningKeyStore where TContext : AuthDbContext
{
    public async Task<IReadOnlyList<SigningKey>> ListAsync(bool includeRetired, CancellationToken ct) =>
        await db.SigningKeys.AsNoTracking()
            .Where(k => includeRetired || k.RetiredAt == null)
            .OrderBy(k => k.Generation)
            .ToListAsync(ct);

    public async Task<bool> TryAddAsync(SigningKey key, CancellationToken ct)
    {
        try
        {
            await db.InsertAsync(key, ct);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is DbException inner && db.IsUniqueViolation(inner))
        {
            return false;
        }
    }

    // Conditional updates: of several instances doing the same change at once, exactly one sees a row changed.
    public async Task<bool> ActivateAsync(long id, DateTimeOffset at, CancellationToken ct) =>
        await db.SigningKeys.Where(k => k.Id == id && k.ActivatedAt == null && k.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ActivatedAt, at), ct) == 1;

    public async Task<bool> RetireAsync(long id, DateTimeOffset at, CancellationToken ct) =>
        await db.SigningKeys.Where(k => k.Id == id && k.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, at), ct) == 1;
}
