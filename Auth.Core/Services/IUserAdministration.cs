using Auth.Core.Auditing;
using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Services;

/// <summary>What admins do to accounts: list them, change roles, delete them, never leaving no admin.</summary>
public interface IUserAdministration
{
    Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct = default);

    /// <summary>The actor is the admin who asked, or null for an operator at the command line or start-up configuration.</summary>
    Task<Result<User>> ChangeRoleAsync(long? actorId, long userId, Role role, CancellationToken ct = default);

    Task<Result<bool>> DeleteAsync(long? actorId, long userId, CancellationToken ct = default);

    Task<Page<AuditEvent>> ListAuditAsync(int page, int pageSize, CancellationToken ct = default);
}
