using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>
/// A username with a character outside the rule anywhere in it is refused with a field error and creates nothing:
/// input is validated, never trimmed into validity (it once was: "abcde\n" made the account "abcde").
/// </summary>
public sealed class UsernameRuleTests() : ApiTestBase(Backends.Sqlite)
{
    [TestCase("abcde\n")]
    [TestCase("\nabcde")]
    [TestCase("abc\nde")]
    [TestCase("abcde\t")]
    [TestCase("\tabcde")]
    [TestCase("abcde\u0000")]
    [TestCase("abc\u0000de")]
    [TestCase("abcde\u200b")]
    [TestCase("\u200babcde")]
    [TestCase(" abcde")]
    [TestCase("abcde ")]
    [TestCase("abcde\r\n")]
    public async Task SignUp_WithAControlOrInvisibleCharacter_Is400OnUsername_AndCreatesNothing(string username)
    {
        var before = await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users");

        var response = await Client.PostAsJsonAsync("/api/signup", new { username, password = Password });

        var problem = await response.AssertValidationProblemAsync("username");
        Assert.That(problem.GetProperty("errors").GetProperty("username")[0].GetString(), Does.StartWith("Username must be"));
        Assert.That(await Factory.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM users"), Is.EqualTo(before));
    }

    [Test]
    public async Task LogIn_WithSurroundingSpaces_IsTheSame401AsAnUnknownUser_NotTheTrimmedAccount()
    {
        var username = NewUsername();
        await SignUpAsync(username);

        var padded = await AuthenticateAsync(" " + username + " ");
        var unknown = await AuthenticateAsync(NewUsername());

        var paddedBody = await padded.AssertProblemAsync(401);
        var unknownBody = await unknown.AssertProblemAsync(401);
        Assert.That(paddedBody.GetProperty("message").GetString(), Is.EqualTo(unknownBody.GetProperty("message").GetString()));
    }
}
