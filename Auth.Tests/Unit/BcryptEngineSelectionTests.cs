using Auth.Infrastructure.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auth.Tests.Unit;

public sealed class BcryptEngineSelectionTests
{
    [Test]
    public void Auto_OnLinux_ChoosesLibxcrypt()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("libxcrypt is a Linux library.");
        Assert.That(BcryptEngines.Select(BcryptEngineChoice.Auto, NullLogger.Instance), Is.InstanceOf<LibxcryptBcryptEngine>());
    }

    [Test]
    public void Auto_WhenTheLibraryIsMissing_FallsBackToBcryptNetNext()
    {
        var engine = BcryptEngines.Select(BcryptEngineChoice.Auto, NullLogger.Instance, () => new MissingLibrary());
        Assert.That(engine, Is.InstanceOf<ManagedBcryptEngine>());
    }

    [Test]
    public void Auto_WhenTheLibraryAnswersTheKnownVectorWrongly_FallsBackToBcryptNetNext()
    {
        var engine = BcryptEngines.Select(BcryptEngineChoice.Auto, NullLogger.Instance, () => new AcceptsEverything());
        Assert.That(engine, Is.InstanceOf<ManagedBcryptEngine>());
    }

    [Test]
    public void Native_WhenTheLibraryIsMissing_RefusesToStart()
    {
        Assert.That(() => BcryptEngines.Select(BcryptEngineChoice.Native, NullLogger.Instance, () => new MissingLibrary()),
            Throws.InvalidOperationException.With.Message.Contains("Password:BcryptEngine"));
    }

    [Test]
    public void Managed_IsBcryptNetNext_EvenWhereLibxcryptExists()
    {
        Assert.That(BcryptEngines.Select(BcryptEngineChoice.Managed, NullLogger.Instance), Is.InstanceOf<ManagedBcryptEngine>());
    }

    /// <summary>What P/Invoke does on Windows or macOS, where libcrypt.so.1 does not exist.</summary>
    private sealed class MissingLibrary : IBcryptEngine
    {
        public string Name => "missing";
        public string Hash(string password, int cost) => throw new DllNotFoundException("libcrypt.so.1");
        public bool Matches(string hash, string password) => throw new DllNotFoundException("libcrypt.so.1");
    }

    /// <summary>A broken build of the library: the self-test must catch it before it guards an account.</summary>
    private sealed class AcceptsEverything : IBcryptEngine
    {
        public string Name => "broken";
        public string Hash(string password, int cost) => "$2b$04$" + new string('.', 53);
        public bool Matches(string hash, string password) => true;
    }
}
