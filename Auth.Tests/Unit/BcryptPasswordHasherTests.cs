using Auth.Core.Abstractions;
using Auth.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Auth.Tests.Unit;

public sealed class BcryptPasswordHasherTests
{
    // Written by Node's bcryptjs 2.4.3 (genSaltSync(10) and genSaltSync(4)).
    private const string BcryptjsCost10 = "$2a$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e";
    private const string BcryptjsCost10Password = "correct horse battery staple";
    private const string BcryptjsCost4 = "$2a$04$tLWKe9TFZLZ7Nb1Li6Ovo.W00k0eCXi6U4bePGoZJMexNYwNwvIWa";
    private const string BcryptjsCost4Password = "node-migrated-pw";

    private static BcryptPasswordHasher Hasher(int cost) => new(Options.Create(new PasswordOptions { Cost = cost }));

    [Test]
    public void Hash_Writes2bAtTheConfiguredCost_AndVerifies()
    {
        var hasher = Hasher(5);
        var hash = hasher.Hash("p@ssw0rd-ü");
        Assert.That(hash, Does.StartWith("$2b$05$").And.Length.EqualTo(60));
        Assert.That(hasher.Verify(hash, "p@ssw0rd-ü"), Is.EqualTo(PasswordVerification.Succeeded));
        Assert.That(hasher.Verify(hash, "p@ssw0rd-u"), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public void Hash_UsesAFreshSaltEachTime()
    {
        var hasher = Hasher(4);
        var first = hasher.Hash("same password");
        var second = hasher.Hash("same password");
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Verify_AcceptsAHashWrittenByNodeBcryptjs()
    {
        Assert.That(Hasher(10).Verify(BcryptjsCost10, BcryptjsCost10Password), Is.EqualTo(PasswordVerification.Succeeded));
        Assert.That(Hasher(10).Verify(BcryptjsCost10, "correct horse battery stapler"), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public void Verify_AStoredHashCheaperThanConfigured_AsksForARehash()
    {
        Assert.That(Hasher(10).Verify(BcryptjsCost4, BcryptjsCost4Password), Is.EqualTo(PasswordVerification.SucceededRehashNeeded));
        Assert.That(Hasher(4).Verify(BcryptjsCost4, BcryptjsCost4Password), Is.EqualTo(PasswordVerification.Succeeded));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("plaintext")]
    [TestCase("$2x$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e")]
    public void Verify_WithNoOrAMalformedHash_FailsWithoutThrowing(string? hash)
    {
        Assert.That(Hasher(4).Verify(hash, "anything"), Is.EqualTo(PasswordVerification.Failed));
    }
}
