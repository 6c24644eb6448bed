using Auth.Core.Tokens;

namespace Auth.Core.Abstractions;

/// <summary>
/// Refresh tokens, persisted so that every instance of the API sees the same state. They are revoked with their
/// session (<see cref="ISessionStore"/>).
/// </summary>
public interface IRefreshTokenStore
{
    Task AddAsync(RefreshToken token, CancellationToken ct = default);

    Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken ct = default);

    /// <summary>
    /// Marks the token used in one conditional write; false when it was already used or revoked, which is how a
    /// replay is detected even when two instances race on the same token.
    /// </summary>
    Task<bool> TryConsumeAsync(long id, DateTimeOffset at, CancellationToken ct = default);
}
