using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

/// <summary>Configuration section <c>Https</c>: redirect to HTTPS and send HSTS (never in Development).</summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    /// <summary>Off by default, so plain <c>dotnet run</c> and a TLS-terminating proxy in front both work unchanged.</summary>
    public bool Enabled { get; set; }

    /// <summary>The port plain-HTTP requests are redirected to.</summary>
    public int Port { get; set; } = 443;

    /// <summary>Strict-Transport-Security max-age.</summary>
    public double HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>
/// Configuration section <c>ForwardedHeaders</c>: the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are
/// believed. Nobody is trusted until one is named, because a believed header decides the client address that the rate
/// limiter partitions by and the audit log records.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies deep to read X-Forwarded-For (one per trusted hop).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Configured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

public sealed class TransportOptionsValidator : IValidateOptions<HttpsOptions>, IValidateOptions<ProxyOptions>, IValidateOptions<RequestLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpsOptions o)
    {
        var failures = new List<string>();
        if (o.Port is < 1 or > 65_535) failures.Add("Https:Port must be between 1 and 65535.");
        if (o.HstsMaxAgeDays is < 0 or > 3650) failures.Add("Https:HstsMaxAgeDays must be between 0 and 3650.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, ProxyOptions o)
    {
        var failures = new List<string>();
        failures.AddRange(o.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"ForwardedHeaders:KnownProxies entry '{p}' is not an IP address."));
        failures.AddRange(o.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))
            .Select(n => $"ForwardedHeaders:KnownNetworks entry '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/24)."));
        if (o.ForwardLimit is < 1 or > 10) failures.Add("ForwardedHeaders:ForwardLimit must be between 1 and 10.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, RequestLimitOptions o) =>
        o.MaxRequestBodyBytes is >= 1024 and <= 100 * 1024 * 1024
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Limits:MaxRequestBodyBytes must be between 1024 and 104857600.");
}

public static class TransportSecurity
{
    /// <summary>Options for HTTPS, trusted proxies and the body limit, validated at start-up.</summary>
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        services.AddOptions<HttpsOptions>().BindConfiguration(HttpsOptions.Section).ValidateOnStart();
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateOnStart();
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<TransportOptionsValidator>();
        services.AddSingleton<IValidateOptions<HttpsOptions>>(sp => sp.GetRequiredService<TransportOptionsValidator>());
        services.AddSingleton<IValidateOptions<ProxyOptions>>(sp => sp.GetRequiredService<TransportOptionsValidator>());
        services.AddSingleton<IValidateOptions<RequestLimitOptions>>(sp => sp.GetRequiredService<TransportOptionsValidator>());

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
