using System.Security.Cryptography;
using Auth.Core.Abstractions;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Security;

/// <summary>
/// bcrypt password policy over whichever <see cref="IBcryptEngine"/> start-up chose. Writes <c>$2b$</c>; verifies
/// <c>$2a$</c>/<c>$2b$</c>/<c>$2y$</c> hashes, including those written by Node's bcrypt and bcryptjs.
/// </summary>
public sealed class BcryptPasswordHasher : IPasswordHasher
{
    private readonly IBcryptEngine _engine;
    private readonly int _cost;
    private readonly Lazy<string> _dummyHash;

    public BcryptPasswordHasher(IBcryptEngine engine, IOptions<PasswordOptions> options)
    {
        _engine = engine;
        _cost = options.Value.Cost;
        // Same cost as real hashes, so an unknown username takes as long as a wrong password.
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
    }

    /// <summary>The engine in use (the benchmark reports it).</summary>
    public string EngineName => _engine.Name;

    // Run on the caller's thread: callers are thread-pool threads already (ASP.NET Core has no synchronization
    // context), so Task.Run would only add a queue hop, not free a thread. A caller already gone costs no hash.
    public Task<string> HashAsync(string password, CancellationToken ct = default) =>
        ct.IsCancellationRequested ? Task.FromCanceled<string>(ct) : Task.FromResult(Hash(password));

    public Task<PasswordVerification> VerifyAsync(string? passwordHash, string password, CancellationToken ct = default) =>
        ct.IsCancellationRequested
            ? Task.FromCanceled<PasswordVerification>(ct)
            : Task.FromResult(Verify(passwordHash, password));

    private string Hash(string password)
    {
        // A NUL ends the password for C implementations (libxcrypt, Node's bcrypt) but not for managed ones, so the
        // same password would hash differently per engine; the API's validation never lets one through to here.
        if (password.Contains('\0'))
            throw new ArgumentException("A password must not contain NUL characters.", nameof(password));
        return _engine.Hash(password, _cost);
    }

    private PasswordVerification Verify(string? passwordHash, string password)
    {
        if (passwordHash is null || !BcryptHashes.IsWellFormed(passwordHash) || password.Contains('\0'))
        {
            // Spend the same work as a real check, so neither an unknown user nor a bad row shows in the timing.
            _engine.Matches(_dummyHash.Value, password.Replace('\0', '\u0001'));
            return PasswordVerification.Failed;
        }
        if (!_engine.Matches(passwordHash, password))
            return PasswordVerification.Failed;
        return BcryptHashes.Cost(passwordHash) < _cost
            ? PasswordVerification.SucceededRehashNeeded
            : PasswordVerification.Succeeded;
    }
}
