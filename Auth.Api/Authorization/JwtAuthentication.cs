using Auth.Core.Abstractions;
using Auth.Core.Users;
using Auth.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Auth.Api.Authorization;

public static class JwtAuthentication
{
    /// <summary>JWT bearer authentication, the access-level handler, and problem bodies for 401/403.</summary>
    public static IServiceCollection AddAccessLevelAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, clock) =>
            {
                bearer.MapInboundClaims = false; // keep "sub" and "role" as they are in the token
                bearer.TokenValidationParameters = JwtKeys.ValidationParameters(jwt.Value, clock);
                bearer.Events = new JwtBearerEvents
                {
                    OnMessageReceived = AcceptLegacyJwtScheme,
                    OnTokenValidated = LoadAccountFromDatabase,
                };
            });

        services.AddOptions<PerformanceOptions>().BindConfiguration(PerformanceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PerformanceOptions>, PerformanceOptionsValidator>();
        services.AddSingleton<AccountCache>();

        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationHandler, AccessLevelHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    /// <summary>Older clients send "Authorization: JWT &lt;token&gt;"; "Bearer" is handled by the handler itself.</summary>
    private static Task AcceptLegacyJwtScheme(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("JWT ", StringComparison.OrdinalIgnoreCase))
            context.Token = header["JWT ".Length..].Trim();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The token proves who the caller is; the database says what they may do. One primary-key lookup per request,
    /// so a role changed or an account deleted in the database takes effect on the next request (unless an operator
    /// opted into Performance:UserCacheSeconds).
    /// </summary>
    private static async Task LoadAccountFromDatabase(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirst("sub")?.Value;
        if (!long.TryParse(subject, out var userId))
        {
            context.Fail("The token has no valid subject.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        User? user;
        try
        {
            user = await services.GetRequiredService<AccountCache>().FindAsync(
                userId, services.GetRequiredService<IUserRepository>, context.HttpContext.RequestAborted);
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
            context.Fail("The account no longer exists.");
            return;
        }
        context.HttpContext.Features.Set(new SignedInUser(user));
    }
}
