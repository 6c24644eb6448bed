using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

public sealed class AuthenticateTests : ApiTestBase
{
    // Written by Node's bcryptjs 2.4.3: hashSync("correct horse battery staple", genSaltSync(10)).
    private const string BcryptjsHash = "$2a$10$KA6vdq8QN8Vu111LrU7KAOZwnmw7yYOMgTn0kxMikdLDB/9V5EA.e";
    private const string BcryptjsPassword = "correct horse battery staple";

    [Test]
    public async Task Authenticate_WithRightPassword_Returns200WithBearerTokenAndRefreshToken()
    {
        var username = NewUsername();
        await SignUpAsync(username);

        var json = await (await AuthenticateAsync(username)).JsonAsync(200);

        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("success").GetBoolean(), Is.True);
            Assert.That(json.GetProperty("tokenType").GetString(), Is.EqualTo("Bearer"));
            Assert.That(json.GetProperty("expiresIn").GetInt32(), Is.EqualTo(30 * 60));
            Assert.That(json.GetProperty("refreshToken").GetString(), Has.Length.GreaterThanOrEqualTo(43));
        });
    }

    [Test]
    public async Task Authenticate_IssuesAnRs256JwtWithAKidAndTheDocumentedClaims()
    {
        var username = NewUsername();
        var user = await SignUpAsync(username);
        var token = (await LoginAsync(username)).GetProperty("token").GetString()!;

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        var now = Factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Multiple(() =>
        {
            Assert.That(jwt.Header.Alg, Is.EqualTo("RS256"), "the default Jwt:Algorithm");
            Assert.That(jwt.Header.Kid, Is.Not.Empty);
            Assert.That(jwt.Payload.Sub, Is.EqualTo(user.GetProperty("id").GetInt64().ToString()));
            Assert.That(jwt.Payload["unique_name"], Is.EqualTo(username));
            Assert.That(jwt.Payload["role"], Is.EqualTo("user"));
            Assert.That(jwt.Payload.Jti, Is.Not.Empty);
            Assert.That(jwt.Payload.Iss, Is.EqualTo("auth"));
            Assert.That(jwt.Payload.Aud, Is.EqualTo(new[] { "auth-clients" }));
            Assert.That(jwt.Payload.IssuedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(now).UtcDateTime));
            Assert.That(jwt.Payload.NotBefore, Is.EqualTo(now));
            Assert.That(jwt.Payload.Expiration, Is.EqualTo(now + 30 * 60));
        });
    }

    [Test]
    public async Task Authenticate_IsCaseInsensitiveOnTheUsername()
    {
        var username = NewUsername("Case");
        await SignUpAsync(username);
        await (await AuthenticateAsync(username.ToLowerInvariant())).JsonAsync(200);
    }

    [Test]
    public async Task Authenticate_WithWrongPassword_Returns401WithSameBodyAsUnknownUser()
    {
        var username = NewUsername();
        await SignUpAsync(username);

        var wrongPassword = await AuthenticateAsync(username, "not the password");
        var unknownUser = await AuthenticateAsync(NewUsername("ghost"), "not the password");

        await wrongPassword.AssertProblemAsync(401);
        await unknownUser.AssertProblemAsync(401);
        Assert.That(await unknownUser.Content.ReadAsStringAsync(), Is.EqualTo(await wrongPassword.Content.ReadAsStringAsync()));
    }

    [TestCase("{\"password\":\"whatever123\"}", "username", TestName = "Authenticate_WithoutUsername_Returns400")]
    [TestCase("{\"username\":\"someone\"}", "password", TestName = "Authenticate_WithoutPassword_Returns400")]
    [TestCase("{\"username\":\"\",\"password\":\"\"}", "username", TestName = "Authenticate_WithEmptyFields_Returns400")]
    [TestCase("not json", "body", TestName = "Authenticate_WithMalformedJson_Returns400")]
    public async Task Authenticate_WithMissingFields_Returns400(string body, string field)
    {
        var response = await Client.PostAsync("/api/authenticate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertValidationProblemAsync(field);
    }

    [Test]
    public async Task Authenticate_WithEmptyFields_Returns400WithTheValidatorMessages()
    {
        var response = await AuthenticateAsync("", "");
        await response.AssertValidationErrorsAsync(("password", "Password is required."), ("username", "Username is required."));
    }

    [Test]
    public async Task Authenticate_WithAnOverlongUsernameOrPassword_Returns401NotA500()
    {
        var response = await AuthenticateAsync(new string('x', 500), new string('y', 500));
        await response.AssertProblemAsync(401);
    }

    [Test]
    public async Task Authenticate_WithAHashWrittenByNodeBcryptjs_LogsIn()
    {
        var username = NewUsername("migrated");
        await Factory.Database.ExecuteAsync($"""
            INSERT INTO users (username, normalized_username, password_hash, role, created_at)
            VALUES ({username}, {username.ToUpperInvariant()}, {BcryptjsHash}, 2, {DateTimeOffset.UtcNow})
            """);

        var json = await (await AuthenticateAsync(username, BcryptjsPassword)).JsonAsync(200);
        Assert.That(json.GetProperty("token").GetString(), Is.Not.Empty);
        await (await AuthenticateAsync(username, "Correct horse battery staple")).AssertProblemAsync(401);
    }

    [Test]
    public async Task Authenticate_AfterFiveFailures_Returns429WithRetryAfter_EvenWithTheRightPassword_UntilTheLockoutEnds()
    {
        var username = NewUsername("locked");
        await SignUpAsync(username);
        for (var i = 0; i < 5; i++)
            await (await AuthenticateAsync(username, "wrong password")).AssertProblemAsync(401);

        var locked = await AuthenticateAsync(username);
        await locked.AssertProblemAsync(429);
        Assert.That(locked.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(5)));

        Factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await (await AuthenticateAsync(username)).JsonAsync(200);
    }

    [Test]
    public async Task Authenticate_ABurstOfTwentyParallelGuesses_ChecksAtMostFivePasswords_AndLocksTheName()
    {
        var username = NewUsername("burst");
        await SignUpAsync(username);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => AuthenticateAsync(username, "wrong password"))));

        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(codes.Count(c => c == 401), Is.LessThanOrEqualTo(5), string.Join(",", codes));
        Assert.That(codes.Count(c => c is 401 or 429), Is.EqualTo(20), string.Join(",", codes));
        await (await AuthenticateAsync(username)).AssertProblemAsync(429);
    }

    [Test]
    public async Task Authenticate_LocksAnUnknownUsernameTheSameWay()
    {
        var ghost = NewUsername("ghost");
        for (var i = 0; i < 5; i++)
            await (await AuthenticateAsync(ghost, "wrong password")).AssertProblemAsync(401);

        await (await AuthenticateAsync(ghost, "wrong password")).AssertProblemAsync(429);
    }

    [Test]
    public async Task Authenticate_SuccessResetsTheFailureCount()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        for (var i = 0; i < 4; i++)
            await AuthenticateAsync(username, "wrong password");
        await (await AuthenticateAsync(username)).JsonAsync(200);
        for (var i = 0; i < 4; i++)
            await (await AuthenticateAsync(username, "wrong password")).AssertProblemAsync(401);
        await (await AuthenticateAsync(username)).JsonAsync(200);
    }
}
