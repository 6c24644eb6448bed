using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Tokens;
using Auth.Core.Users;

namespace Auth.Core.Services;

/// <summary>
/// What admins (and operators at the command line) do to accounts: list, create, change roles, disable, issue reset
/// codes, end sessions and delete, never leaving no active admin. The actor is the admin who asked, or null for an
/// operator at the command line or start-up configuration.
/// </summary>
public interface IUserAdministration
{
    Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct = default);

    /// <summary>The account with this username (compared case-insensitively), or null.</summary>
    Task<User?> FindByUsernameAsync(string username, CancellationToken ct = default);

    /// <summary>
    /// A new account with the given role. Without a password it gets none that anyone knows, and a reset code its owner
    /// sets one with. Conflict when the username is taken.
    /// </summary>
    Task<Result<CreatedAccount>> CreateAsync(long? actorId, string username, Role role, string? password, CancellationToken ct = default);

    Task<Result<User>> ChangeRoleAsync(long? actorId, long userId, Role role, CancellationToken ct = default);

    /// <summary>Disabling ends every session of the account; Conflict when it would leave no active admin.</summary>
    Task<Result<User>> SetStatusAsync(long? actorId, long userId, AccountStatus status, string? reason, CancellationToken ct = default);

    /// <summary>A new single-use reset code (voiding earlier ones).</summary>
    Task<Result<ResetCode>> IssueResetCodeAsync(long? actorId, long userId, CancellationToken ct = default);

    /// <summary>Sets the password (an operator's command) and ends every session of the account.</summary>
    Task<Result<User>> SetPasswordAsync(long? actorId, long userId, string password, CancellationToken ct = default);

    /// <summary>The account's active sessions, newest first; NotFound for an unknown user.</summary>
    Task<Result<IReadOnlyList<Session>>> ListSessionsAsync(long userId, CancellationToken ct = default);

    /// <summary>Ends every session of the account; the number ended, or NotFound.</summary>
    Task<Result<int>> RevokeSessionsAsync(long? actorId, long userId, CancellationToken ct = default);

    Task<Result<bool>> DeleteAsync(long? actorId, long userId, CancellationToken ct = default);

    Task<Page<AuditEvent>> ListAuditAsync(int page, int pageSize, CancellationToken ct = default);
}
