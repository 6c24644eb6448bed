using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Abstractions;

/// <summary>Where accounts live. Every backend keeps them in table <c>users</c>.</summary>
public interface IUserRepository
{
    /// <summary>The primary-key lookup made on every authorized request; must stay cheap.</summary>
    Task<User?> FindByIdAsync(long id, CancellationToken ct = default);

    /// <summary>
    /// The per-request lookup of a signed-in caller: the account, only while the session its token names is still
    /// active (not revoked). One primary-key query; must stay cheap.
    /// </summary>
    Task<User?> FindInSessionAsync(long id, string sessionId, CancellationToken ct = default);

    Task<User?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken ct = default);

    /// <summary>Inserts the user and sets its <see cref="User.Id"/>; false when the normalized username is taken.</summary>
    Task<bool> TryAddAsync(User user, CancellationToken ct = default);

    /// <summary>Users ordered by id.</summary>
    Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct = default);

    /// <summary>
    /// Sets the status (and the reason, cleared when null), unless disabling would leave no active admin; same
    /// transaction and locks as <see cref="UpdateRoleAsync"/>.
    /// </summary>
    Task<AdminGuardedWrite> UpdateStatusAsync(long id, AccountStatus status, string? reason, CancellationToken ct = default);

    /// <summary>Stores the hash of a new reset code (voiding any earlier one); false when the user does not exist.</summary>
    Task<bool> SetResetCodeAsync(long id, string codeHash, DateTimeOffset expiresAt, CancellationToken ct = default);

    /// <summary>
    /// Sets the password and voids the reset code in one conditional write that matches only while the code with this
    /// hash is still the outstanding one: of two uses of one code, one succeeds.
    /// </summary>
    Task<bool> TryResetPasswordAsync(long id, string codeHash, string passwordHash, CancellationToken ct = default);

    /// <summary>How many users hold the given role flag (e.g. how many admins are left).</summary>
    Task<int> CountWithRoleAsync(Role role, CancellationToken ct = default);

    /// <summary>
    /// Sets the role, unless that would leave no active admin (<see cref="AdminGuardedWrite.LastAdmin"/>, nothing written).
    /// The check and the write are one transaction that locks the admins' rows first, so two admins demoting each
    /// other at the same instant cannot both succeed.
    /// </summary>
    Task<AdminGuardedWrite> UpdateRoleAsync(long id, Role role, CancellationToken ct = default);

    Task<bool> UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken ct = default);

    /// <summary>Deletes the user, their sessions and refresh tokens, unless they are the last active admin; same transaction and locks as <see cref="UpdateRoleAsync"/>.</summary>
    Task<AdminGuardedWrite> DeleteAsync(long id, CancellationToken ct = default);
}
