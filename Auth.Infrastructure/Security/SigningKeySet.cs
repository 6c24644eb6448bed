using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security;

/// <summary>
/// One instance's view of the keys at one moment, replaced whole when it changes, so a request reads it without a
/// lock and without the database.
/// </summary>
public sealed class SigningKeySet
{
    public static readonly SigningKeySet Empty = new(null, new Dictionary<string, SecurityKey>(), [], DateTimeOffset.MaxValue);

    public SigningKeySet(SigningCredentials? signing, IReadOnlyDictionary<string, SecurityKey> accepted,
        IReadOnlyList<JsonWebKey> published, DateTimeOffset nextChangeAt)
    {
        Signing = signing;
        Accepted = accepted;
        Published = published;
        NextChangeAt = nextChangeAt;
    }

    /// <summary>The active key with its private half; null until a key could be loaded (or decrypted).</summary>
    public SigningCredentials? Signing { get; }

    /// <summary>Public keys that validate, by kid: the active key, the next one (published ahead) and previous ones not yet retired.</summary>
    public IReadOnlyDictionary<string, SecurityKey> Accepted { get; }

    /// <summary>What /.well-known/jwks.json lists: exactly the accepted keys.</summary>
    public IReadOnlyList<JsonWebKey> Published { get; }

    /// <summary>When the rotation schedule next asks for a change (the next key published, activated, or an old one retired).</summary>
    public DateTimeOffset NextChangeAt { get; }
}
