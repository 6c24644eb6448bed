using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

public static class TransportSecurity
{
    /// <summary>Options for HTTPS, trusted proxies and the body limit, validated at start-up.</summary>
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        services.AddOptions<HttpsOptions>().BindConfiguration(HttpsOptions.Section).ValidateOnStart();
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateOnStart();
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpsOptions>, HttpsOptionsValidator>();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddSingleton<IValidateOptions<RequestLimitOptions>, RequestLimitOptionsValidator>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxies.Value.ForwardLimit;
            // The defaults trust loopback; only the proxies named in configuration are trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks)
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpsOptions>>((hsts, https) =>
            hsts.MaxAge = TimeSpan.FromDays(https.Value.HstsMaxAgeDays));
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpsOptions>>((redirect, https) =>
        {
            redirect.HttpsPort = https.Value.Port;
            redirect.RedirectStatusCode = StatusCodes.Status308PermanentRedirect; // keeps POST a POST
        });
        return services;
    }

    /// <summary>
    /// Forwarded headers first (only when a proxy is named: with no known proxy the middleware would believe anyone),
    /// then HSTS and the redirect to HTTPS when <c>Https:Enabled</c> and not in Development. Health probes stay on
    /// plain HTTP: orchestrators call them on the instance's own port.
    /// </summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Configured)
            app.UseForwardedHeaders();

        if (app.Services.GetRequiredService<IOptions<HttpsOptions>>().Value.Enabled && !app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
        }
        return app;
    }

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestBodyLimitMiddleware>();
}
