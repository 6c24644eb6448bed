using Auth.Core.Tokens;

namespace Auth.Core.Abstractions;

/// <summary>Signed-in sessions. Revoking a session also revokes every refresh token of its family.</summary>
public interface ISessionStore
{
    Task AddAsync(Session session, CancellationToken ct = default);

    Task<Session?> FindAsync(string id, CancellationToken ct = default);

    /// <summary>The user's sessions that are neither revoked nor expired, newest first.</summary>
    Task<IReadOnlyList<Session>> ListActiveAsync(long userId, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Records a refresh: when, from where, and the new expiry; false when the session was revoked meanwhile.</summary>
    Task<bool> TouchAsync(string id, DateTimeOffset at, DateTimeOffset expiresAt, string? ip, string? userAgent, CancellationToken ct = default);

    /// <summary>Revokes one unrevoked session of the user and its refresh tokens; false when the user has no such session.</summary>
    Task<bool> RevokeAsync(long userId, string id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Revokes every unrevoked session of the user but <paramref name="exceptId"/>, with their refresh tokens; returns how many.</summary>
    Task<int> RevokeAllAsync(long userId, string? exceptId, DateTimeOffset at, CancellationToken ct = default);
}
