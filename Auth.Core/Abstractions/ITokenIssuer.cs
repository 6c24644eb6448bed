using Auth.Core.Users;

namespace Auth.Core.Abstractions;

/// <summary>A signed access token and how long it lives.</summary>
public sealed record AccessToken(string Value, int ExpiresInSeconds);

/// <summary>Issues signed access tokens (JWTs) for a user.</summary>
public interface ITokenIssuer
{
    AccessToken Issue(User user);
}
