using Auth.Core.Common;

namespace Auth.Core.Services;

/// <summary>Logging in, refreshing tokens and logging out.</summary>
public interface IAuthenticationService
{
    /// <summary>
    /// A new session. InvalidCredentials for an unknown user and a wrong password alike; TooManyAttempts while locked;
    /// Forbidden (account_disabled) only after the right password of a disabled account.
    /// </summary>
    Task<Result<SignedIn>> AuthenticateAsync(string username, string password, ClientInfo? client = null, CancellationToken ct = default);

    /// <summary>Rotates a refresh token within its session; a reused token ends the session.</summary>
    Task<Result<SignedIn>> RefreshAsync(string refreshToken, ClientInfo? client = null, CancellationToken ct = default);

    /// <summary>Ends the refresh token's session; InvalidCredentials when it is not the caller's.</summary>
    Task<Result<bool>> LogoutAsync(long userId, string refreshToken, ClientInfo? client = null, CancellationToken ct = default);
}
