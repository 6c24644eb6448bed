using System.Text.Json.Serialization;

namespace Auth.Api.Contracts;

/// <summary>One public key (RFC 7517): RSA keys carry n and e, EC keys crv, x and y; a private member never appears.</summary>
public sealed record JsonWebKeyResponse(
    string Kty, string Kid, string Use, string Alg,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? N,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? E,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Crv,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? X,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Y);
