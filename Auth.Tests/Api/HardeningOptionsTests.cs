using Auth.Tests.Support;
using Microsoft.Extensions.Options;

namespace Auth.Tests.Api;

/// <summary>Every options section is validated at start-up: a bad value stops the service with a message naming the key.</summary>
public sealed class HardeningOptionsTests
{
    [TestCase("RateLimits:Authenticate:PermitLimit", "0", "RateLimits:Authenticate:PermitLimit must be at least 1.")]
    [TestCase("RateLimits:Signup:WindowSeconds", "0", "RateLimits:Signup:WindowSeconds must be greater than 0")]
    [TestCase("RateLimits:Refresh:PermitLimit", "-1", "RateLimits:Refresh:PermitLimit must be at least 1.")]
    [TestCase("Limits:MaxRequestBodyBytes", "10", "Limits:MaxRequestBodyBytes must be between 1024")]
    [TestCase("ForwardedHeaders:KnownProxies:0", "not-an-ip", "ForwardedHeaders:KnownProxies entry 'not-an-ip' is not an IP address.")]
    [TestCase("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "ForwardedHeaders:KnownNetworks entry '10.0.0.0/99'")]
    [TestCase("Https:Port", "70000", "Https:Port must be between 1 and 65535.")]
    [TestCase("AccountCache:LifetimeSeconds", "301", "AccountCache:LifetimeSeconds must be between 0 (off, the default) and 300.")]
    [TestCase("Admin:Username", "first.admin", "Admin:Username and Admin:Password must be set together (or neither).")]
    [TestCase("Admin:Password", "only a password here", "Admin:Username and Admin:Password must be set together (or neither).")]
    [TestCase("Lockout:MaxFailures", "0", "Lockout:MaxFailures must be at least 1.")]
    [TestCase("RefreshTokens:LifetimeDays", "0", "RefreshTokens:LifetimeDays must be greater than 0.")]
    [TestCase("Jwt:ClockSkewSeconds", "301", "Jwt:ClockSkewSeconds must be between 0 and 300.")]
    [TestCase("Jwt:Algorithm", "none", "Jwt:Algorithm is 'none'. Allowed values: RS256, ES256, HS256.")]
    [TestCase("Jwt:Algorithm", "rs256", "Jwt:Algorithm is 'rs256'. Allowed values: RS256, ES256, HS256.")]
    [TestCase("Jwt:KeyLifetimeDays", "0", "Jwt:KeyLifetimeDays must be between 1 and 3650.")]
    [TestCase("Jwt:SigningKeyPath", "/nonexistent/key.pem", "Jwt:SigningKeyPath '/nonexistent/key.pem' does not exist.")]
    public void ABadValue_StopsStartUp_NamingTheKey(string key, string value, string message)
    {
        using var factory = new AuthApiFactory { Settings = { [key] = value } };

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error, Is.InstanceOf<OptionsValidationException>());
        Assert.That(error!.Message, Does.Contain(message));
    }
}
