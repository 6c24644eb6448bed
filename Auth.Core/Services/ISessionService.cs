using Auth.Core.Common;
using Auth.Core.Tokens;

namespace Auth.Core.Services;

/// <summary>Listing and ending signed-in sessions (starting them is <see cref="SessionTokens"/>'s).</summary>
public interface ISessionService
{
    /// <summary>The user's active sessions, newest first.</summary>
    Task<IReadOnlyList<Session>> ListAsync(long userId, CancellationToken ct = default);

    /// <summary>Ends one of the user's sessions; NotFound when the user has no such active session.</summary>
    Task<Result<bool>> RevokeAsync(long userId, string sessionId, long? actorId, ClientInfo client, CancellationToken ct = default);

    /// <summary>Ends every session of the user but <paramref name="exceptSessionId"/>; returns how many ended.</summary>
    Task<int> RevokeAllAsync(long userId, string? exceptSessionId, long? actorId, ClientInfo client, CancellationToken ct = default);
}
