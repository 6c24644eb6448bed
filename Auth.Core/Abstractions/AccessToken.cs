namespace Auth.Core.Abstractions;

/// <summary>A signed access token and how long it lives.</summary>
public sealed record AccessToken(string Value, int ExpiresInSeconds);
