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
    // Written by Node's bcryptjs 2.4.3 (genSaltSync(10) and genSaltSync(4)): $2a$.
    private const string BcryptjsCost10 = "$2a$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e";
    private const string BcryptjsCost10Password = "correct horse battery staple";
    private const string BcryptjsCost4 = "$2a$04$tLWKe9TFZLZ7Nb1Li6Ovo.W00k0eCXi6U4bePGoZJMexNYwNwvIWa";
    private const string BcryptjsCost4Password = "node-migrated-pw";

    // Written by Node's bcrypt 6.0.0 (the native module): $2b$.
    private const string NodeBcrypt2b = "$2b$05$8RxFKxLqKsMmOhPKHRTaZuFDBRLxnyyk9mkepnQteIwbsup5pqYoi";
    private const string NodeBcrypt2bPassword = "node-bcrypt-2b-pw";

    // PHP's $2y$ (the php.net password_verify example; bcryptjs 3.0.3 verifies it too).
    private const string Php2y = "$2y$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq";
    private const string Php2yPassword = "rasmuslerdorf";

    // Node's bcrypt 6.0.0 hash of 71 "x" and "é" (73 UTF-8 bytes, so it hashed the first 72).
    private const string NodeBcryptOf73Bytes = "$2b$04$j/Rq0x3QfiY84XcGKhSRSuiQ0ZbVv3Y1QUE1kGiloIwu3QZbB3jd6";

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

    [TestCase(BcryptjsCost10, BcryptjsCost10Password, TestName = "Verify_AcceptsA2aHashWrittenByNodeBcryptjs")]
    [TestCase(NodeBcrypt2b, NodeBcrypt2bPassword, TestName = "Verify_AcceptsA2bHashWrittenByNodeBcrypt")]
    [TestCase(Php2y, Php2yPassword, TestName = "Verify_AcceptsA2yHashWrittenByPhp")]
    public async Task Verify_AcceptsHashesWrittenByOtherImplementations_AndOnlyForTheirPassword(string hash, string password)
    {
        var hasher = Hasher(BcryptHashes.Cost(hash));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await hasher.VerifyAsync(hash, password), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await hasher.VerifyAsync(hash, password + "!"), Is.EqualTo(PasswordVerification.Failed));
            Assert.That(await hasher.VerifyAsync(hash, password.ToUpperInvariant()), Is.EqualTo(PasswordVerification.Failed));
        }
    }

    [Test]
    public async Task Verify_AStoredHashCheaperThanConfigured_AsksForARehash()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Hasher(10).VerifyAsync(BcryptjsCost4, BcryptjsCost4Password), Is.EqualTo(PasswordVerification.SucceededRehashNeeded));
            Assert.That(await Hasher(4).VerifyAsync(BcryptjsCost4, BcryptjsCost4Password), Is.EqualTo(PasswordVerification.Succeeded));
            // A dearer stored hash is kept: the configured cost is a floor, not a target.
            Assert.That(await Hasher(4).VerifyAsync(BcryptjsCost10, BcryptjsCost10Password), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await Hasher(10).VerifyAsync(BcryptjsCost4, BcryptjsCost4Password + "x"), Is.EqualTo(PasswordVerification.Failed));
        }
    }

    [Test]
    public async Task APasswordOf73Bytes_VerifiesAgainstNodesHash_WhichReadTheFirst72()
    {
        var hasher = Hasher(4);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await hasher.VerifyAsync(NodeBcryptOf73Bytes, new string('x', 71) + "é"), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await hasher.VerifyAsync(NodeBcryptOf73Bytes, new string('x', 71) + "è"), Is.EqualTo(PasswordVerification.Succeeded),
                "é and è share their first UTF-8 byte (0xC3), the only one of them bcrypt reads");
            Assert.That(await hasher.VerifyAsync(NodeBcryptOf73Bytes, new string('x', 72)), Is.EqualTo(PasswordVerification.Failed));
        }
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

    [Test]
    public async Task APasswordWithALoneSurrogate_IsHashedAsU_FFFD_TheSameWayInBothEngines()
    {
        // Unreachable through JSON (the binder refuses it), but a hasher must not throw on any string it is given.
        var hash = await Hasher(4).HashAsync("before\uD800after");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Hasher(4, Other()).VerifyAsync(hash, "before\uD800after"), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await Hasher(4, Other()).VerifyAsync(hash, "before\uFFFDafter"), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await Hasher(4).VerifyAsync(hash, "beforeafter"), Is.EqualTo(PasswordVerification.Failed));
        }
    }

    [Test]
    public async Task ACallerAlreadyGone_GetsACancelledTask_NotAHash()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        using (Assert.EnterMultipleScope())
        {
            await Assert.ThatAsync(() => Hasher(4).HashAsync("a password", gone.Token), Throws.InstanceOf<OperationCanceledException>());
            await Assert.ThatAsync(() => Hasher(4).VerifyAsync(BcryptjsCost4, BcryptjsCost4Password, gone.Token),
                Throws.InstanceOf<OperationCanceledException>());
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("plaintext")]
    [TestCase("$2x$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e")]
    [TestCase("$2a$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA!e")]
    [TestCase("$2a$03$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e")]
    [TestCase("$2a$32$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e")]
    [TestCase("$2a$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.")]
    [TestCase("$2a$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.ee")]
    [TestCase("$2a$04$.....................................................")]
    public async Task Verify_WithNoOrAMalformedHash_FailsWithoutThrowing(string? hash)
    {
        Assert.That(await Hasher(4).VerifyAsync(hash, "anything"), Is.EqualTo(PasswordVerification.Failed));
    }
}
