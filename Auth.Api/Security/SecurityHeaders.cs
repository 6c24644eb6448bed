using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Auth.Api.Security;

/// <summary>Headers that tell browsers to refuse framing, sniffing, referrers and foreign content, on every response.</summary>
public static class SecurityHeaders
{
    /// <summary>The SPA in wwwroot loads only its own scripts and styles, so it needs nothing beyond 'self'.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// Swagger UI (a developer tool, on in Development) sets inline styles and draws its icons as data: SVGs; only
    /// under /swagger are those allowed. Scripts stay 'self' there too.
    /// </summary>
    public const string SwaggerUiContentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Kestrel names itself in a Server header unless told not to; nothing here needs to say what serves it.</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

    /// <summary>
    /// Set when the response starts, so they survive the exception handler clearing the response and reach errors,
    /// 404s, static files and the SPA alike.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger")
                    ? SwaggerUiContentSecurityPolicy
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });
}
