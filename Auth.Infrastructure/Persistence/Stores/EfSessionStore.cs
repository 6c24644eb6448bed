using Auth.Core.Abstractions;
using Auth.Core.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

public sealed class EfSessionStore<TContext>(TContext db) : ISessionStore where TContext : AuthDbContext
{
    public Task AddAsync(Session session, CancellationToken ct) => db.InsertAsync(session, ct);

    public Task<Session?> FindAsync(string id, CancellationToken ct) =>
        db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);

    public async Task<IReadOnlyList<Session>> ListActiveAsync(long userId, DateTimeOffset now, CancellationToken ct)
    {
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null)
            .ToListAsync(ct);
        // Filtered and ordered here: SQLite cannot compare or order DateTimeOffset columns in SQL. A user has few sessions.
        return sessions.Where(s => s.ExpiresAt > now).OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).ToList();
    }

    public async Task<bool> TouchAsync(string id, DateTimeOffset at, DateTimeOffset expiresAt, string? ip, string? userAgent, CancellationToken ct) =>
        await db.Sessions.Where(s => s.Id == id && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LastUsedAt, at)
                .SetProperty(x => x.ExpiresAt, expiresAt)
                .SetProperty(x => x.Ip, ip)
                .SetProperty(x => x.UserAgent, userAgent), ct) == 1;

    public async Task<bool> RevokeAsync(long userId, string id, DateTimeOffset at, CancellationToken ct)
    {
        var revoked = await db.Sessions.Where(s => s.Id == id && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, at), ct);
        // The session is what access tokens and refreshes are checked against; its tokens follow so none refreshes later.
        await db.RefreshTokens.Where(t => t.FamilyId == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, at), ct);
        return revoked == 1;
    }

    public async Task<int> RevokeAllAsync(long userId, string? exceptId, DateTimeOffset at, CancellationToken ct)
    {
        var revoked = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != exceptId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, at), ct);
        await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null && t.FamilyId != exceptId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, at), ct);
        return revoked;
    }
}
