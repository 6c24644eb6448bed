using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Services;

/// <summary>Sign-up and account look-ups.</summary>
public interface IAccountService
{
    /// <summary>Creates an account with role user; Conflict when the username is taken case-insensitively.</summary>
    Task<Result<User>> SignUpAsync(string username, string password, string? clientIp = null, CancellationToken ct = default);

    /// <summary>The account as the database has it now (role included), or null when it no longer exists.</summary>
    Task<User?> FindAsync(long id, CancellationToken ct = default);

    /// <summary>The account with this username (compared case-insensitively), or null.</summary>
    Task<User?> FindByUsernameAsync(string username, CancellationToken ct = default);
}
