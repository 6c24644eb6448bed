using Auth.Core.Common;
using Auth.Core.Users;
using Microsoft.AspNetCore.Authentication;

namespace Auth.Api.Authentication;

public static class SignedInUserExtensions
{
    public static User? SignedInUserOrNull(this HttpContext context) => context.Features.Get<SignedInUser>()?.User;

    /// <summary>The session the caller's token belongs to (behind [AllowOnly(User)] or stricter).</summary>
    public static string SessionId(this HttpContext context) =>
        context.Features.Get<SignedInUser>()?.SessionId ?? throw new InvalidOperationException("No signed-in user on an authorized endpoint.");

    /// <summary>Where the request came from, for the audit log and the sessions list.</summary>
    public static ClientInfo Client(this HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(context.Connection.RemoteIpAddress?.ToString(), userAgent.Length == 0 ? null : userAgent);
    }

    /// <summary>For endpoints behind [AllowOnly(User)] or stricter, where a signed-in user is guaranteed.</summary>
    public static User SignedInUser(this HttpContext context) =>
        context.SignedInUserOrNull() ?? throw new InvalidOperationException("No signed-in user on an authorized endpoint.");

    /// <summary>
    /// Whether the caller sent a token that was refused (bad, expired, or its account is gone), as opposed to sending
    /// none: such a caller is not anonymous. The bearer handler's result is computed once per request, so asking again
    /// costs nothing.
    /// </summary>
    public static async Task<bool> HasRejectedTokenAsync(this HttpContext context) =>
        (await context.AuthenticateAsync()).Failure is not null;
}
