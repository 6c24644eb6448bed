namespace Auth.Api.Contracts;

/// <summary>GET /.well-known/jwks.json: the public keys that currently validate this service's tokens.</summary>
public sealed record JsonWebKeySetResponse(IReadOnlyList<JsonWebKeyResponse> Keys);
