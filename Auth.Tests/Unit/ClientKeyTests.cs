using System.Net;
using Auth.Api.Security;

namespace Auth.Tests.Unit;

/// <summary>Which rate-limit bucket a client address falls in.</summary>
public sealed class ClientKeyTests
{
    [TestCase("203.0.113.7", "203.0.113.7", TestName = "ClientKey_IPv4_IsTheAddressItself")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7", TestName = "ClientKey_IPv4MappedToIPv6_IsTheIPv4Address")]
    [TestCase("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64", TestName = "ClientKey_IPv6_IsItsSlash64")]
    [TestCase("::1", "::/64", TestName = "ClientKey_IPv6Loopback_IsItsSlash64")]
    public void ClientKey(string address, string expected) =>
        Assert.That(ClientRateLimits.ClientKey(IPAddress.Parse(address)), Is.EqualTo(expected));

    [Test]
    public void ClientKey_WithoutAnAddress_IsOneSharedBucket() =>
        Assert.That(ClientRateLimits.ClientKey(null), Is.EqualTo("unknown"));
}
