using Auth.Core.Users;

namespace Auth.Core.Abstractions;

/// <summary>Issues signed access tokens (JWTs) for a user.</summary>
public interface ITokenIssuer
{
    AccessToken Issue(User user);
}
