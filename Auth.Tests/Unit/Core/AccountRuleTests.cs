using Auth.Core.Users;

namespace Auth.Tests.Unit.Core;

/// <summary>The username and password rules that sign-up, the CLI and login share.</summary>
public sealed class AccountRuleTests
{
    [TestCase("abc", true)]
    [TestCase("Alice.Smith_2-b", true)]
    [TestCase("abcdefghijklmnopqrstuvwxyz012345", true)] // 32
    [TestCase("ab", false)]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456", false)] // 33
    [TestCase("", false)]
    [TestCase(null, false)]
    [TestCase("al ice", false)]
    [TestCase("alice@example.com", false)]
    [TestCase("al\u0131ce", false)] // dotless i: not ASCII
    [TestCase("alice\t", false)]
    public void Usernames_Are3To32LettersDigitsDotsUnderscoresOrDashes(string? name, bool valid)
    {
        Assert.That(Usernames.IsValid(name), Is.EqualTo(valid));
    }

    [TestCase("alice", "ALICE")]
    [TestCase("Alice.B", "ALICE.B")]
    [TestCase("  Alice.B ", "  ALICE.B ")] // never trimmed: such a name breaks the rule and is refused, not repaired
    public void Usernames_AreComparedUpperCased_AndNeverTrimmed(string name, string normalized)
    {
        Assert.That(Usernames.Normalize(name), Is.EqualTo(normalized));
    }

    [Test]
    public void TheUsernameMessage_TellsTheRule()
    {
        Assert.That(Usernames.InvalidMessage, Does.Contain("3 to 32 characters"));
    }

    [TestCase(null, Passwords.RequiredMessage)]
    [TestCase("", Passwords.RequiredMessage)]
    [TestCase("1234567", "too short")]
    [TestCase("12345678", null)]
    [TestCase("éééé", null)] // 4 characters, 8 UTF-8 bytes
    [TestCase("ééé", "too short")] // 6 bytes
    [TestCase("pass\0word", Passwords.NulMessage)]
    public void Passwords_Are8To72Utf8Bytes_WithoutNul(string? password, string? problem)
    {
        var expected = problem == "too short" ? Passwords.TooShortMessage : problem;
        Assert.That(Passwords.Problem(password), Is.EqualTo(expected));
    }

    [TestCase(72, null)]
    [TestCase(73, "too long")]
    public void Passwords_MayBeAtMost72Bytes(int bytes, string? problem)
    {
        Assert.That(Passwords.Problem(new string('p', bytes)), Is.EqualTo(problem is null ? null : Passwords.TooLongMessage));
    }

    [TestCase(36, null)]
    [TestCase(37, "too long")]
    public void Passwords_CountBytesNotCharacters(int twoByteCharacters, string? problem)
    {
        Assert.That(Passwords.Problem(new string('é', twoByteCharacters)), Is.EqualTo(problem is null ? null : Passwords.TooLongMessage));
    }

    [Test]
    public void ThePasswordMessages_TellTheLimits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Passwords.TooShortMessage, Does.Contain("at least 8 bytes"));
            Assert.That(Passwords.TooLongMessage, Does.Contain("at most 72 bytes"));
        });
    }
}
