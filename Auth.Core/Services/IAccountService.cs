using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Services;

/// <summary>What people do to their own account: sign up, change or reset the password, delete it.</summary>
public interface IAccountService
{
    /// <summary>
    /// Creates an account with role user; Conflict when the username is taken case-insensitively; Forbidden
    /// (signup_closed) when Signup:Mode is closed.
    /// </summary>
    Task<Result<User>> SignUpAsync(string username, string password, string? clientIp = null, CancellationToken ct = default);

    /// <summary>Whether anyone may sign up (Signup:Mode).</summary>
    bool SignupOpen { get; }

    /// <summary>
    /// Checks the current password (through the lockout) and sets the new one; every session of the account ends and
    /// the caller continues on a new one. Invalid (currentPassword) for a wrong current password.
    /// </summary>
    Task<Result<SignedIn>> ChangePasswordAsync(User user, string currentPassword, string newPassword, ClientInfo client, CancellationToken ct = default);

    /// <summary>
    /// Sets a new password with a reset code; every earlier session ends and the username's lockout is cleared.
    /// Invalid with one identical message for an unknown user and a wrong, used or expired code.
    /// </summary>
    Task<Result<SignedIn>> ResetPasswordAsync(string username, string code, string newPassword, ClientInfo client, CancellationToken ct = default);

    /// <summary>Deletes the caller's account after checking its password; Conflict when it would leave no admin.</summary>
    Task<Result<bool>> DeleteAsync(User user, string password, ClientInfo client, CancellationToken ct = default);
}
