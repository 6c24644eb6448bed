using Auth.Core.Abstractions;
using Auth.Core.Common;
using Auth.Core.Options;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Microsoft.Extensions.Options;

namespace Auth.Core.Services;

/// <summary>Starts sessions and issues their tokens: an access token naming the session, and the session's next refresh token.</summary>
public sealed class SessionTokens(
    ISessionStore sessions,
    IRefreshTokenStore refreshTokens,
    ITokenIssuer tokens,
    IOptions<RefreshTokenOptions> refreshOptions,
    TimeProvider clock)
{
    /// <summary>A new session for the user (a login, a password change or reset).</summary>
    public async Task<SignedIn> StartAsync(User user, ClientInfo client, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = new Session
        {
            Id = TokenValues.NewSessionId(),
            UserId = user.Id,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + refreshOptions.Value.Lifetime,
            Ip = Clip(client.Ip, Session.IpMaxLength),
            UserAgent = Clip(client.UserAgent, Session.UserAgentMaxLength),
        };
        await sessions.AddAsync(session, ct);
        return await IssueAsync(user, session.Id, now, ct);
    }

    /// <summary>The next tokens of a session (a refresh), recording when and from where; null when it was revoked meanwhile.</summary>
    public async Task<SignedIn?> ContinueAsync(User user, string sessionId, ClientInfo client, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var touched = await sessions.TouchAsync(sessionId, now, now + refreshOptions.Value.Lifetime,
            Clip(client.Ip, Session.IpMaxLength), Clip(client.UserAgent, Session.UserAgentMaxLength), ct);
        return touched ? await IssueAsync(user, sessionId, now, ct) : null;
    }

    private async Task<SignedIn> IssueAsync(User user, string sessionId, DateTimeOffset now, CancellationToken ct)
    {
        var value = TokenValues.New();
        await refreshTokens.AddAsync(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = sessionId,
            TokenHash = TokenValues.Hash(value),
            CreatedAt = now,
            ExpiresAt = now + refreshOptions.Value.Lifetime,
        }, ct);
        return new SignedIn(tokens.Issue(user, sessionId), value, user);
    }

    /// <summary>Display fields, cut to their columns: a User-Agent is whatever the client sends, shown, never matched.</summary>
    private static string? Clip(string? value, int maxLength) =>
        value is null ? null : value.Length > maxLength ? value[..maxLength] : value;
}
