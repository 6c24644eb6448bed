namespace Auth.Core.Abstractions;

/// <summary>bcrypt hashing of passwords. Task-returning so that an implementation may run the work elsewhere.</summary>
public interface IPasswordHasher
{
    Task<string> HashAsync(string password, CancellationToken ct = default);

    /// <summary>
    /// Checks a password against a stored hash. With no hash (unknown user) it verifies against a fixed dummy
    /// hash of the same cost and fails, so an unknown username costs the same as a wrong password.
    /// </summary>
    Task<PasswordVerification> VerifyAsync(string? passwordHash, string password, CancellationToken ct = default);
}
