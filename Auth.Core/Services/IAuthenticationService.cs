using Auth.Core.Common;

namespace Auth.Core.Services;

/// <summary>Logging in, refreshing tokens and logging out.</summary>
public interface IAuthenticationService
{
    /// <summary>InvalidCredentials for an unknown user and a wrong password alike; TooManyAttempts while locked.</summary>
    Task<Result<SignedIn>> AuthenticateAsync(string username, string password, string? clientIp = null, CancellationToken ct = default);

    /// <summary>Rotates a refresh token; a reused token revokes its whole family.</summary>
    Task<Result<SignedIn>> RefreshAsync(string refreshToken, string? clientIp = null, CancellationToken ct = default);

    /// <summary>Revokes the refresh token's family; InvalidCredentials when it is not the caller's.</summary>
    Task<Result<bool>> LogoutAsync(long userId, string refreshToken, string? clientIp = null, CancellationToken ct = default);
}
