using Microsoft.Extensions.Logging;

namespace Auth.Infrastructure.Security;

/// <summary>Chooses the bcrypt engine once at start-up.</summary>
public static class BcryptEngines
{
    // A bcryptjs 2.4.3 hash at cost 4 (cheap enough to check at every start): an engine must accept the right
    // password and reject a wrong one before it is trusted with real accounts.
    private const string KnownHash = "$2a$04$tLWKe9TFZLZ7Nb1Li6Ovo.W00k0eCXi6U4bePGoZJMexNYwNwvIWa";
    private const string KnownPassword = "node-migrated-pw";

    public static IBcryptEngine Select(BcryptEngineChoice choice, ILogger logger) =>
        Select(choice, logger, static () => new LibxcryptBcryptEngine());

    /// <summary>As <see cref="Select(BcryptEngineChoice, ILogger)"/>, with the native engine supplied (tests).</summary>
    public static IBcryptEngine Select(BcryptEngineChoice choice, ILogger logger, Func<IBcryptEngine> native)
    {
        if (choice == BcryptEngineChoice.Managed)
        {
            logger.LogInformation("bcrypt engine: managed (BCrypt.Net-Next), as configured by Password:BcryptEngine");
            return new ManagedBcryptEngine();
        }

        var engine = native();
        var problem = SelfTest(engine);
        if (problem is null)
        {
            logger.LogInformation("bcrypt engine: libxcrypt (native, libcrypt.so.1)");
            return engine;
        }
        if (choice == BcryptEngineChoice.Native)
            throw new InvalidOperationException($"Password:BcryptEngine is Native but libxcrypt cannot be used: {problem}");
        logger.LogInformation("bcrypt engine: managed (BCrypt.Net-Next); libxcrypt is not usable here: {Reason}", problem);
        return new ManagedBcryptEngine();
    }

    /// <summary>Null when the engine loads and answers the known vector correctly; otherwise why not.</summary>
    private static string? SelfTest(IBcryptEngine engine)
    {
        try
        {
            if (!engine.Matches(KnownHash, KnownPassword))
                return "it rejected a known-good bcrypt hash";
            if (engine.Matches(KnownHash, KnownPassword + "x"))
                return "it accepted a wrong password";
            return null;
        }
        // Absent library (Windows, macOS, musl without libxcrypt) or one without the re-entrant entry points.
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
