using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Abstractions;

/// <summary>Where accounts live. Every backend keeps them in table <c>users</c>.</summary>
public interface IUserRepository
{
    /// <summary>The primary-key lookup made on every authorized request; must stay cheap.</summary>
    Task<User?> FindByIdAsync(long id, CancellationToken ct = default);

    Task<User?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken ct = default);

    /// <summary>Inserts the user and sets its <see cref="User.Id"/>; false when the normalized username is taken.</summary>
    Task<bool> TryAddAsync(User user, CancellationToken ct = default);

    /// <summary>Users ordered by id.</summary>
    Task<Page<User>> ListAsync(int page, int pageSize, CancellationToken ct = default);

    /// <summary>How many users hold the given role flag (e.g. how many admins are left).</summary>
    Task<int> CountWithRoleAsync(Role role, CancellationToken ct = default);

    /// <summary>
    /// Sets the role, unless that would leave no admin (<see cref="AdminGuardedWrite.LastAdmin"/>, nothing written).
    /// The check and the write are one transaction that locks the admins' rows first, so two admins demoting each
    /// other at the same instant cannot both succeed.
    /// </summary>
    Task<AdminGuardedWrite> UpdateRoleAsync(long id, Role role, CancellationToken ct = default);

    Task<bool> UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken ct = default);

    /// <summary>Deletes the user and their refresh tokens, unless they are the last admin; same transaction and locks as <see cref="UpdateRoleAsync"/>.</summary>
    Task<AdminGuardedWrite> DeleteAsync(long id, CancellationToken ct = default);
}
