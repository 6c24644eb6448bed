using System.Text.Json.Serialization;

namespace Auth.Api.Contracts;

/// <summary>
/// GET /.well-known/openid-configuration: what a token validator needs (who issues, where the keys are, which
/// algorithm); not a full OpenID provider's metadata.
/// </summary>
public sealed record OpenIdConfigurationResponse(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> IdTokenSigningAlgValuesSupported);
