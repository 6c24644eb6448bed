namespace Auth.Infrastructure.Security;

/// <summary>Which bcrypt engine to use (<c>Password:BcryptEngine</c>).</summary>
public enum BcryptEngineChoice
{
    /// <summary>libxcrypt when it loads and passes the self-test, BCrypt.Net-Next otherwise.</summary>
    Auto,

    /// <summary>libxcrypt or refuse to start (for operators who want the speed guaranteed).</summary>
    Native,

    /// <summary>BCrypt.Net-Next always (for comparisons, or to rule the native library out).</summary>
    Managed,
}
