namespace Auth.Api.Security;

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
