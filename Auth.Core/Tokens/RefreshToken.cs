namespace Auth.Core.Tokens;

/// <summary>
/// One refresh token, stored only as the SHA-256 hash of its value. Tokens descending from one login share a
/// family: presenting a token that was already used revokes the whole family.
/// </summary>
public sealed class RefreshToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string FamilyId { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
