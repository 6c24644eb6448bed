using Auth.Core.Users;

namespace Auth.Api.Authorization;

/// <summary>The caller's account as the database had it at the start of this request (set after token validation).</summary>
public sealed record SignedInUser(User User);

public static class SignedInUserExtensions
{
    public static User? SignedInUserOrNull(this HttpContext context) => context.Features.Get<SignedInUser>()?.User;

    /// <summary>For endpoints behind [AllowOnly(User)] or stricter, where a signed-in user is guaranteed.</summary>
    public static User SignedInUser(this HttpContext context) =>
        context.SignedInUserOrNull() ?? throw new InvalidOperationException("No signed-in user on an authorized endpoint.");

    /// <summary>Whether the request carries a token at all (Bearer or the legacy JWT scheme).</summary>
    public static bool PresentsToken(this HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || header.StartsWith("JWT ", StringComparison.OrdinalIgnoreCase);
    }
}
