using System.Threading.RateLimiting;
using Auth.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

/// <summary>The rate-limit policies, named for the endpoint they guard; applied with <c>[EnableRateLimiting]</c>.</summary>
public static class ClientRateLimits
{
    public const string Authenticate = "authenticate";
    public const string Signup = "signup";
    public const string Refresh = "refresh";
    public const string PasswordReset = "password-reset";

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests; // the default is 503
            limiter.AddPolicy(Authenticate, context => PerClient(context, o => o.Authenticate));
            limiter.AddPolicy(Signup, context => PerClient(context, o => o.Signup));
            limiter.AddPolicy(Refresh, context => PerClient(context, o => o.Refresh));
            limiter.AddPolicy(PasswordReset, context => PerClient(context, o => o.PasswordReset));
            limiter.OnRejected = WriteProblemAsync;
        });
        return services;
    }

    /// <summary>
    /// One window per client address. Behind a proxy this is the client's address only when ForwardedHeaders:KnownProxies
    /// (or KnownNetworks) names that proxy; otherwise every client shares the proxy's budget.
    /// </summary>
    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitOptions, RateLimitRule> pick)
    {
        var rule = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// IPv4 addresses one by one; IPv6 by /64, the block one subscriber usually gets, so a client cannot reset its
    /// budget by moving to another address of its own block.
    /// </summary>
    public static string ClientKey(System.Net.IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    private static async ValueTask WriteProblemAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            $"Too many requests from your address. Try again in {seconds} seconds.");
    }
}
