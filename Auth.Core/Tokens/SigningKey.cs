namespace Auth.Core.Tokens;

/// <summary>
/// A key that signs access tokens, shared by every instance through the database. The private key is stored only
/// encrypted, with a key derived from configuration that never reaches the database.
/// </summary>
public sealed class SigningKey
{
    public long Id { get; set; }

    /// <summary>The JWT <c>kid</c> header and the JWKS entry's id.</summary>
    public string Kid { get; set; } = "";

    /// <summary>RS256 or ES256.</summary>
    public string Algorithm { get; set; } = "";

    /// <summary>
    /// 1 for the first key, and one more for each rotation; unique, so two instances that create the same generation at
    /// once end with one key: the second insert fails and that instance reads the winner.
    /// </summary>
    public int Generation { get; set; }

    /// <summary>SubjectPublicKeyInfo, PEM.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>The PKCS#8 private key sealed with AES-GCM, base64.</summary>
    public string EncryptedPrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it starts (or started) signing; null while only published.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>When it stopped being accepted and published.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
