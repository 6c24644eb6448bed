using System.Net.Http.Json;
using System.Text;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

public sealed class SignUpTests : ApiTestBase
{
    [Test]
    public async Task SignUp_WithValidBody_Returns201WithTheNewUserAsRoleUser()
    {
        var username = NewUsername();
        var response = await Client.PostAsJsonAsync("/api/signup", new { username, password = Password });

        var json = await response.JsonAsync(201);
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("message").GetString(), Is.EqualTo("Account created!"));
            var user = json.GetProperty("user");
            Assert.That(user.GetProperty("id").GetInt64(), Is.GreaterThan(0));
            Assert.That(user.GetProperty("username").GetString(), Is.EqualTo(username));
            Assert.That(user.GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(user.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(Factory.Clock.GetUtcNow()));
            Assert.That(user.TryGetProperty("passwordHash", out _), Is.False);
        });
    }

    [Test]
    public async Task SignUp_StoresABcrypt2bHashAtTheConfiguredCost_NeverThePassword()
    {
        var username = NewUsername();
        await SignUpAsync(username);

        var hash = await Factory.Database.ScalarAsync<string>($"SELECT password_hash FROM users WHERE username = {username}");
        Assert.That(hash, Does.StartWith("$2b$04$").And.Length.EqualTo(60).And.Not.Contain(Password));
    }

    [Test]
    public async Task SignUp_WithRoleInTheBody_IgnoresItAndCreatesAUser()
    {
        var response = await Client.PostAsJsonAsync("/api/signup", new { username = NewUsername(), password = Password, role = "admin" });

        var json = await response.JsonAsync(201);
        Assert.That(json.GetProperty("user").GetProperty("role").GetString(), Is.EqualTo("user"));
    }

    [Test]
    public async Task SignUp_KeepsTheUsernameAsTyped()
    {
        var username = "Mixed.Case_" + Guid.NewGuid().ToString("N")[..8];
        var user = await SignUpAsync(username);
        Assert.That(user.GetProperty("username").GetString(), Is.EqualTo(username));
    }

    [Test]
    public async Task SignUp_WithAUsernameTakenInAnotherCase_Returns409()
    {
        var username = NewUsername("Taken");
        await SignUpAsync(username);

        var response = await Client.PostAsJsonAsync("/api/signup", new { username = username.ToUpperInvariant(), password = Password });

        var problem = await response.AssertProblemAsync(409);
        Assert.That(problem.GetProperty("message").GetString(), Does.Contain("taken"));
    }

    [TestCase("{\"password\":\"long enough pw\"}", "username", TestName = "SignUp_WithoutUsername_Returns400")]
    [TestCase("{\"username\":null,\"password\":\"long enough pw\"}", "username", TestName = "SignUp_WithNullUsername_Returns400")]
    [TestCase("{\"username\":\"ab\",\"password\":\"long enough pw\"}", "username", TestName = "SignUp_WithTwoCharacterUsername_Returns400")]
    [TestCase("{\"username\":\"abcdefghijklmnopqrstuvwxyz0123456\",\"password\":\"long enough pw\"}", "username", TestName = "SignUp_With33CharacterUsername_Returns400")]
    [TestCase("{\"username\":\"bad name!\",\"password\":\"long enough pw\"}", "username", TestName = "SignUp_WithForbiddenCharacters_Returns400")]
    [TestCase("{\"username\":\"<img src=x>\",\"password\":\"long enough pw\"}", "username", TestName = "SignUp_WithMarkupInUsername_Returns400")]
    [TestCase("{\"username\":\"validname\"}", "password", TestName = "SignUp_WithoutPassword_Returns400")]
    [TestCase("{\"username\":\"validname\",\"password\":\"short7!\"}", "password", TestName = "SignUp_With7BytePassword_Returns400")]
    [TestCase("{\"username\":123,\"password\":\"long enough pw\"}", "username", TestName = "SignUp_WithNumberForUsername_Returns400")]
    [TestCase("{\"username\":\"validname\",\"password\":[1,2]}", "password", TestName = "SignUp_WithArrayForPassword_Returns400")]
    [TestCase("{\"username\":\"validname\",", "body", TestName = "SignUp_WithMalformedJson_Returns400")]
    [TestCase("[]", "body", TestName = "SignUp_WithJsonArrayBody_Returns400")]
    [TestCase("", "body", TestName = "SignUp_WithEmptyBody_Returns400")]
    public async Task SignUp_WithBadInput_Returns400NamingTheField(string body, string field)
    {
        var response = await Client.PostAsync("/api/signup", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertValidationProblemAsync(field);
    }

    [Test]
    public async Task SignUp_WithABadUsernameAndAShortPassword_Returns400WithBothValidatorMessages()
    {
        var response = await Client.PostAsJsonAsync("/api/signup", new { username = "bad name!", password = "short" });
        await response.AssertValidationErrorsAsync(
            ("password", "Password must be at least 8 bytes long."),
            ("username", "Username must be 3 to 32 characters of letters, digits, '.', '_' or '-'."));
    }

    [Test]
    public async Task SignUp_WithANumberForUsername_Returns400WithThePlainWrongTypeMessage()
    {
        var response = await Client.PostAsync("/api/signup",
            new StringContent("{\"username\":123,\"password\":\"long enough pw\"}", Encoding.UTF8, "application/json"));
        await response.AssertValidationErrorsAsync(("username", "The value of 'username' is missing or of the wrong type."));
    }

    [Test]
    public async Task SignUp_WithPasswordOf73Utf8Bytes_Returns400()
    {
        var password = new string('é', 36) + "x"; // 36 x 2 bytes + 1 = 73 bytes, only 37 characters
        var response = await Client.PostAsJsonAsync("/api/signup", new { username = NewUsername(), password });
        var problem = await response.AssertValidationProblemAsync("password");
        Assert.That(problem.GetProperty("message").GetString(), Does.Contain("72"));
    }

    [Test]
    public async Task SignUp_WithANulCharacterInThePassword_Returns400NotA500()
    {
        // C bcrypt stops at a NUL and managed bcrypt does not, so such a password is refused up front.
        var response = await Client.PostAsJsonAsync("/api/signup", new { username = NewUsername(), password = "abcdefgh\u0000ijk" });
        var problem = await response.AssertValidationProblemAsync("password");
        Assert.That(problem.GetProperty("message").GetString(), Does.Contain("NUL"));
    }

    [Test]
    public async Task SignUp_WithAnAllBlankPassword_CanLogInWithIt()
    {
        var username = NewUsername();
        await SignUpAsync(username, "        ");
        await (await AuthenticateAsync(username, "        ")).JsonAsync(200);
    }

    [Test]
    public async Task SignUp_WithPasswordOfExactly72Utf8Bytes_CanLogIn()
    {
        var username = NewUsername();
        var password = new string('ü', 36); // 72 bytes
        await SignUpAsync(username, password);
        await (await AuthenticateAsync(username, password)).JsonAsync(200);
    }

    [Test]
    public async Task SignUp_WithWrongContentType_Returns415Problem()
    {
        var response = await Client.PostAsync("/api/signup", new StringContent("username=a", Encoding.UTF8, "text/plain"));
        await response.AssertProblemAsync(415);
    }

    [Test]
    public async Task TwentyConcurrentSignups_OfOneNewUsername_GiveOne201AndNineteen409s()
    {
        var username = NewUsername("race");
        using var start = new ManualResetEventSlim(false);
        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            // Mixed case: the race must be settled on the normalized name.
            var name = i % 2 == 0 ? username : username.ToUpperInvariant();
            return await Client.PostAsJsonAsync("/api/signup", new { username = name, password = Password });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(attempts);

        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(codes.Count(c => c == 201), Is.EqualTo(1), string.Join(",", codes));
        Assert.That(codes.Count(c => c == 409), Is.EqualTo(19), string.Join(",", codes));
        foreach (var conflict in responses.Where(r => (int)r.StatusCode == 409))
            await conflict.AssertProblemAsync(409);
        var stored = await Factory.Database.ScalarAsync<int>($"SELECT COUNT(*) FROM users WHERE normalized_username = {username.ToUpperInvariant()}");
        Assert.That(stored, Is.EqualTo(1));
    }
}
