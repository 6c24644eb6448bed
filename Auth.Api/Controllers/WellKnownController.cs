using Auth.Api.Contracts;
using Auth.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Auth.Api.Controllers;

/// <summary>
/// What other services need to verify this service's tokens with stock middleware: the public keys (JWKS) and a
/// discovery document naming them. Under HS256 there is nothing to publish: an HMAC secret is never served.
/// </summary>
[ApiController]
[Route(".well-known")]
[Tags("Keys")]
public sealed class WellKnownController(IOptions<JwtOptions> jwt, SigningKeyRing ring) : ControllerBase
{
    public const string JwksPath = "/.well-known/jwks.json";

    /// <summary>
    /// Five minutes: a consumer sees a new key within that time even without meeting its kid, and the next key is
    /// published long before it signs (SigningKeyRing.PublishAhead), so a cached set is never the reason a token fails.
    /// </summary>
    private const string CacheControl = "public, max-age=300";

    /// <summary>The public keys that validate tokens now: the active key, the next one, and previous ones not yet retired.</summary>
    [HttpGet("jwks.json")]
    [ProducesResponseType<JsonWebKeySetResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public IActionResult Jwks()
    {
        if (!jwt.Value.IsAsymmetric)
            return NothingPublished();
        Response.Headers.CacheControl = CacheControl;
        var keys = ring.Current.Published.Select(k => new JsonWebKeyResponse(
            k.Kty, k.Kid, k.Use, k.Alg, OrNull(k.N), OrNull(k.E), OrNull(k.Crv), OrNull(k.X), OrNull(k.Y))).ToList();
        return Ok(new JsonWebKeySetResponse(keys));
    }

    /// <summary>OpenID discovery, as far as token validation needs it: issuer, jwks_uri and the signing algorithm.</summary>
    [HttpGet("openid-configuration")]
    [ProducesResponseType<OpenIdConfigurationResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public IActionResult OpenIdConfiguration()
    {
        if (!jwt.Value.IsAsymmetric)
            return NothingPublished();
        Response.Headers.CacheControl = CacheControl;
        // The address the caller used (behind a trusted proxy, the one it was given): the keys are where it asked.
        var jwksUri = $"{Request.Scheme}://{Request.Host}{Request.PathBase}{JwksPath}";
        return Ok(new OpenIdConfigurationResponse(jwt.Value.Issuer, jwksUri, [jwt.Value.Algorithm]));
    }

    private ObjectResult NothingPublished() => Problem(statusCode: StatusCodes.Status404NotFound,
        detail: "This service signs tokens with HS256 (a shared secret), so it publishes no keys. Set Jwt:Algorithm to RS256 or ES256.");

    private static string? OrNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
