using Auth.Core.Abstractions;
using Auth.Core.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Auth.Api.Authentication;

/// <summary>Where a token is read from the request, and what a valid token is then checked against: the database.</summary>
public sealed class JwtEvents(AccountCache accounts) : JwtBearerEvents
{
    /// <summary>"Bearer", and "JWT" as older clients send it. The one place the Authorization header is parsed.</summary>
    private static readonly string[] Schemes = ["Bearer", "JWT"];

    public override Task MessageReceived(MessageReceivedContext context)
    {
        var parts = context.Request.Headers.Authorization.ToString().Trim().Split(' ', 2);
        if (!Schemes.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
            return Task.CompletedTask; // no credentials (or another kind): anonymous
        var token = parts.Length > 1 ? parts[1].Trim() : "";
        // A scheme with nothing after it is a caller who meant to sign in, not an anonymous one.
        if (token.Length == 0)
            context.Fail("The Authorization header carries no token.");
        else
            context.Token = token;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The token proves who the caller is; the database says what they may do. One primary-key lookup per request
    /// (joined to the token's session), so a role change, a deletion, a disabled account or an ended session (sign
    /// out, password change or reset) takes effect on the next request (unless an operator opted into the account cache).
    /// </summary>
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirst("sub")?.Value;
        if (!long.TryParse(subject, out var userId))
        {
            context.Fail("The token has no valid subject.");
            return;
        }
        // Tokens from before sessions existed carry none; they cannot be ended, so they are not accepted.
        var sessionId = context.Principal?.FindFirst("sid")?.Value;
        if (string.IsNullOrEmpty(sessionId))
        {
            context.Fail("The token has no session.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        User? user;
        try
        {
            user = await accounts.FindAsync(userId, sessionId, services.GetRequiredService<IUserRepository>, context.HttpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left while its lookup waited (on MySQL, for the batch statement). Nobody hears the answer, and
            // JwtBearer would log the exception as an error with its stack trace. A failure, not "no result": a caller
            // whose token was not checked to the end is never treated as anonymous.
            context.Fail("The request was aborted.");
            return;
        }
        if (user is null)
        {
            context.Fail("The account no longer exists or the session has ended.");
            return;
        }
        if (user.Status != AccountStatus.Active)
        {
            context.Fail("The account is disabled.");
            return;
        }
        context.HttpContext.Features.Set(new SignedInUser(user, sessionId));
    }
}
