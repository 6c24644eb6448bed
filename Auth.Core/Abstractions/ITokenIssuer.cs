using Auth.Core.Users;

namespace Auth.Core.Abstractions;

/// <summary>Issues signed access tokens (JWTs) for a user.</summary>
public interface ITokenIssuer
{
    /// <summary>A token for the user in the given session (its <c>sid</c> claim), which is checked on every request.</summary>
    AccessToken Issue(User user, string sessionId);
}
