using System.Net;
using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

public sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
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
}
