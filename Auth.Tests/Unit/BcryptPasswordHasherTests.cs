using System.Text;
using Auth.Core.Abstractions;
using Auth.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Auth.Tests.Unit;

/// <summary>The same specification run through each bcrypt engine: they must be interchangeable on stored hashes.</summary>
[TestFixture(typeof(LibxcryptBcryptEngine))]
[TestFixture(typeof(ManagedBcryptEngine))]
public sealed class BcryptPasswordHasherTests<TEngine> where TEngine : IBcryptEngine, new()
{
    // Written by Node's bcryptjs 2.4.3 (genSaltSync(10) and genSaltSync(4)).
    private const string BcryptjsCost10 = "$2a$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e";
    private const string BcryptjsCost10Password = "correct horse battery staple";
    private const string BcryptjsCost4 = "$2a$04$tLWKe9TFZLZ7Nb1Li6Ovo.W00k0eCXi6U4bePGoZJMexNYwNwvIWa";
    private const string BcryptjsCost4Password = "node-migrated-pw";

    [OneTimeSetUp]
    public void RequireTheEngine()
    {
        // libxcrypt is part of every Linux system this service targets; elsewhere only the managed engine exists.
        if (typeof(TEngine) == typeof(LibxcryptBcryptEngine) && !OperatingSystem.IsLinux())
            Assert.Ignore("libxcrypt (libcrypt.so.1) is a Linux library.");
    }

    private static BcryptPasswordHasher Hasher(int cost, IBcryptEngine? engine = null) =>
        new(engine ?? new TEngine(), Options.Create(new PasswordOptions { Cost = cost }));

    private static IBcryptEngine Other() =>
        typeof(TEngine) == typeof(ManagedBcryptEngine) ? new LibxcryptBcryptEngine() : new ManagedBcryptEngine();

    [Test]
    public async Task Hash_Writes2bAtTheConfiguredCost_AndVerifies()
    {
        var hasher = Hasher(5);
        var hash = await hasher.HashAsync("p@ssw0rd-ü");
        Assert.That(hash, Does.StartWith("$2b$05$").And.Length.EqualTo(60));
        Assert.That(await hasher.VerifyAsync(hash, "p@ssw0rd-ü"), Is.EqualTo(PasswordVerification.Succeeded));
        Assert.That(await hasher.VerifyAsync(hash, "p@ssw0rd-u"), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public async Task Hash_UsesAFreshSaltEachTime()
    {
        var hasher = Hasher(4);
        var first = await hasher.HashAsync("same password");
        var second = await hasher.HashAsync("same password");
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [TestCase("p@ssw0rd-ü")]
    [TestCase("correct horse battery staple")]
    [TestCase("日本語のパスワード")]
    public async Task HashesFromThisEngine_VerifyInTheOther_AndTheOtherWay(string password)
    {
        var mine = Hasher(4);
        var other = Hasher(4, Other());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await other.VerifyAsync(await mine.HashAsync(password), password), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await mine.VerifyAsync(await other.HashAsync(password), password), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await other.VerifyAsync(await mine.HashAsync(password), password + "!"), Is.EqualTo(PasswordVerification.Failed));
        }
    }

    [Test]
    public async Task Verify_AcceptsAHashWrittenByNodeBcryptjs()
    {
        Assert.That(await Hasher(10).VerifyAsync(BcryptjsCost10, BcryptjsCost10Password), Is.EqualTo(PasswordVerification.Succeeded));
        Assert.That(await Hasher(10).VerifyAsync(BcryptjsCost10, "correct horse battery stapler"), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public async Task Verify_AStoredHashCheaperThanConfigured_AsksForARehash()
    {
        Assert.That(await Hasher(10).VerifyAsync(BcryptjsCost4, BcryptjsCost4Password), Is.EqualTo(PasswordVerification.SucceededRehashNeeded));
        Assert.That(await Hasher(4).VerifyAsync(BcryptjsCost4, BcryptjsCost4Password), Is.EqualTo(PasswordVerification.Succeeded));
    }

    [Test]
    public void TheSameSaltAndPassword_GiveTheSameHashInBothEngines()
    {
        var salt = Enumerable.Range(1, 16).Select(i => (byte)(i * 13)).ToArray();
        const string password = "identical-in-both-ü";
        Assert.That(new TEngine().Hash(password, salt, 4), Is.EqualTo(Other().Hash(password, salt, 4)));
    }

    [Test]
    public async Task At72Bytes_bcryptStops_TheSameWayInBothEngines()
    {
        var hasher = Hasher(4);
        var other = Hasher(4, Other());
        var exactly72 = new string('a', 71) + "b";
        var hash = await hasher.HashAsync(exactly72);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Encoding.UTF8.GetByteCount(exactly72), Is.EqualTo(72));
            // The 72nd byte counts...
            Assert.That(await hasher.VerifyAsync(hash, new string('a', 72)), Is.EqualTo(PasswordVerification.Failed));
            Assert.That(await other.VerifyAsync(hash, new string('a', 72)), Is.EqualTo(PasswordVerification.Failed));
            // ...the 73rd and later do not, in either engine (long inputs never reach libxcrypt's 512-byte limit).
            Assert.That(await hasher.VerifyAsync(hash, exactly72 + "c"), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await other.VerifyAsync(hash, exactly72 + new string('z', 600)), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await hasher.VerifyAsync(hash, exactly72 + new string('z', 600)), Is.EqualTo(PasswordVerification.Succeeded));
        }
    }

    [Test]
    public async Task AMultiByteCharacterCutAtByte72_IsCutTheSameWayInBothEngines()
    {
        // 71 ASCII bytes then "é" (2 bytes): bcrypt keeps only the first byte of the "é".
        var password = new string('x', 71) + "é";
        var hash = await Hasher(4).HashAsync(password);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Hasher(4, Other()).VerifyAsync(hash, password), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await Hasher(4, Other()).VerifyAsync(hash, new string('x', 71) + "è"), Is.EqualTo(PasswordVerification.Succeeded),
                "é and è share their first UTF-8 byte (0xC3), the only one bcrypt reads");
        }
    }

    [Test]
    public async Task APasswordWithANulCharacter_IsRefusedForHashing_AndFailsVerification()
    {
        var hasher = Hasher(4);
        var hash = await hasher.HashAsync("before");
        using (Assert.EnterMultipleScope())
        {
            await Assert.ThatAsync(() => hasher.HashAsync("before\0after"), Throws.ArgumentException);
            Assert.That(await hasher.VerifyAsync(hash, "before\0after"), Is.EqualTo(PasswordVerification.Failed));
            Assert.That(await hasher.VerifyAsync(hash, "before\0"), Is.EqualTo(PasswordVerification.Failed));
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("plaintext")]
    [TestCase("$2x$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e")]
    [TestCase("$2a$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA!e")]
    [TestCase("$2a$03$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e")]
    public async Task Verify_WithNoOrAMalformedHash_FailsWithoutThrowing(string? hash)
    {
        Assert.That(await Hasher(4).VerifyAsync(hash, "anything"), Is.EqualTo(PasswordVerification.Failed));
    }
}
