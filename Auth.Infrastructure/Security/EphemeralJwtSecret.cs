using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Security;

/// <summary>
/// Development only: a missing Jwt:Secret becomes a random one for this run, with a warning, so <c>dotnet run</c> works
/// on a fresh clone. Tokens die with the process, and so do
/// the signing keys it encrypted (SigningKeyRing replaces them at the next start). Anywhere else a missing secret stops start-up (JwtOptionsValidator).
/// </summary>
public sealed partial class EphemeralJwtSecret : IPostConfigureOptions<JwtOptions>
{
    // One secret per process: IOptions and IOptionsMonitor each build their own JwtOptions, and the signer and the
    // validator must agree whichever they read.
    private readonly Lazy<string> _secret;

    public EphemeralJwtSecret(ILogger<EphemeralJwtSecret> logger) => _secret = new(() =>
    {
        LogEphemeralSecret(logger);
        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    });

    public void PostConfigure(string? name, JwtOptions options)
    {
        if (!string.IsNullOrEmpty(options.Secret))
            return;
        options.Secret = _secret.Value;
        options.SecretIsEphemeral = true;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Jwt:Secret is not set: using a random secret for this run (Development only). Tokens die with the process, and so do the signing keys it encrypts.")]
    private static partial void LogEphemeralSecret(ILogger logger);
}
