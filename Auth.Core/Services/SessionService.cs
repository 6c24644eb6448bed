using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Tokens;

namespace Auth.Core.Services;

public sealed class SessionService(ISessionStore sessions, AuditTrail audit, TimeProvider clock) : ISessionService
{
    public const string NotFoundMessage = "You have no active session with that id.";

    public Task<IReadOnlyList<Session>> ListAsync(long userId, CancellationToken ct) =>
        sessions.ListActiveAsync(userId, clock.GetUtcNow(), ct);

    public async Task<Result<bool>> RevokeAsync(long userId, string sessionId, long? actorId, ClientInfo client, CancellationToken ct)
    {
        if (!await sessions.RevokeAsync(userId, sessionId, clock.GetUtcNow(), ct))
            return Result<bool>.Fail(Outcome.NotFound, NotFoundMessage);
        await audit.RecordAsync(AuditEventTypes.SessionRevoked, userId, null, $"session {sessionId}", actorId, client.Ip, ct);
        return Result<bool>.Ok(true);
    }

    public async Task<int> RevokeAllAsync(long userId, string? exceptSessionId, long? actorId, ClientInfo client, CancellationToken ct)
    {
        var revoked = await sessions.RevokeAllAsync(userId, exceptSessionId, clock.GetUtcNow(), ct);
        await audit.RecordAsync(AuditEventTypes.SessionsRevokedAll, userId, null,
            exceptSessionId is null ? $"{revoked} sessions" : $"{revoked} sessions, all but {exceptSessionId}", actorId, client.Ip, ct);
        return revoked;
    }
}
