namespace Auth.Infrastructure.Security;

/// <summary>Configuration section <c>Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";
    public const int MinSecretBytes = 32;

    /// <summary>
    /// RS256 (default), ES256 or HS256. The asymmetric ones sign with managed keys that other services verify through
    /// /.well-known/jwks.json; HS256 signs with <see cref="Secret"/>, which every verifier would need.
    /// </summary>
    public string Algorithm { get; set; } = SigningAlgorithms.Rs256;

    /// <summary>
    /// The HS256 signing secret under HS256; under RS256/ES256 the secret the stored private keys are encrypted with.
    /// At least 32 bytes. Never in the repository: environment or secret store.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>Secrets rotated out: tokens they signed still validate until they expire; nothing new is signed with them.</summary>
    public string[] PreviousSecrets { get; set; } = [];

    /// <summary>An operator's own private key (PEM, RSA or P-256 EC). When set, no key is generated, stored or rotated.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>How long a generated key signs before the next one takes over.</summary>
    public double KeyLifetimeDays { get; set; } = 90;

    public string Issuer { get; set; } = "auth";
    public string Audience { get; set; } = "auth-clients";
    public double AccessTokenMinutes { get; set; } = 30;

    /// <summary>Allowed clock difference between servers when checking exp and nbf.</summary>
    public double ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// True when <see cref="Secret"/> was made up for this run (Development without a configured secret). Not bound
    /// from configuration: <see cref="EphemeralJwtSecret"/> sets it.
    /// </summary>
    public bool SecretIsEphemeral { get; internal set; }

    public bool IsAsymmetric => SigningAlgorithms.IsAsymmetric(Algorithm);
}
