using System.Text.Json;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>The admin API. Each test that relies on the admin count uses its own app, so counts are exact.</summary>
public sealed class AdminUsersTests : ApiTestBase
{
    [Test]
    public async Task ListUsers_ReturnsAPageOrderedById_WithTheTotal()
    {
        var admin = await NewAdminAsync();
        for (var i = 0; i < 3; i++) await SignUpAsync(NewUsername("listed"));

        var json = await (await GetAsync("/api/admin/users?page=1&pageSize=2", admin.Token)).JsonAsync(200);
        var total = json.GetProperty("total").GetInt32();
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("page").GetInt32(), Is.EqualTo(1));
            Assert.That(json.GetProperty("pageSize").GetInt32(), Is.EqualTo(2));
            Assert.That(total, Is.GreaterThanOrEqualTo(4));
            Assert.That(items, Has.Count.EqualTo(2));
            Assert.That(items[0].GetProperty("id").GetInt64(), Is.LessThan(items[1].GetProperty("id").GetInt64()));
            Assert.That(items[0].TryGetProperty("passwordHash", out _), Is.False);
        });

        var last = await (await GetAsync($"/api/admin/users?page={(total + 1) / 2}&pageSize=2", admin.Token)).JsonAsync(200);
        Assert.That(last.GetProperty("items").GetArrayLength(), Is.EqualTo(total % 2 == 0 ? 2 : 1));
    }

    [Test]
    public async Task ListUsers_WithoutPaging_UsesPage1Of20()
    {
        var admin = await NewAdminAsync();
        var json = await (await GetAsync("/api/admin/users", admin.Token)).JsonAsync(200);
        Assert.That(json.GetProperty("page").GetInt32(), Is.EqualTo(1));
        Assert.That(json.GetProperty("pageSize").GetInt32(), Is.EqualTo(20));
    }

    [TestCase("page=0", "page")]
    [TestCase("page=-1", "page")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("pageSize=101", "pageSize")]
    [TestCase("page=abc", "page")]
    [TestCase("pageSize=1.5", "pageSize")]
    public async Task ListUsers_WithBadPaging_Returns400(string query, string field)
    {
        var admin = await NewAdminAsync();
        await (await GetAsync($"/api/admin/users?{query}", admin.Token)).AssertValidationProblemAsync(field);
    }

    [Test]
    public async Task ListUsers_WithBothPagingValuesOutOfRange_Returns400WithBothValidatorMessages()
    {
        var admin = await NewAdminAsync();
        var response = await GetAsync("/api/admin/users?page=0&pageSize=0", admin.Token);
        await response.AssertValidationErrorsAsync(("page", "Page must be 1 or more."), ("pageSize", "PageSize must be between 1 and 100."));
    }

    [Test]
    public async Task ListUsers_WithAPageThatIsNotANumberAndAnOutOfRangePageSize_NamesBothFields()
    {
        var admin = await NewAdminAsync();
        var response = await GetAsync("/api/admin/users?page=abc&pageSize=0", admin.Token);
        await response.AssertValidationErrorsAsync(
            ("page", "The value of 'page' is missing or of the wrong type."),
            ("pageSize", "PageSize must be between 1 and 100."));
    }

    [Test]
    public async Task ListUsers_ForAUser_Returns403_AndAnonymous401()
    {
        var user = await NewSignedInUserAsync();
        await (await GetAsync("/api/admin/users", user.Token)).AssertProblemAsync(403);
        await (await GetAsync("/api/admin/users")).AssertProblemAsync(401);
    }

    [Test]
    public async Task ChangeRole_PromotesAUser_WhoThenPassesTheAdminCheck()
    {
        var admin = await NewAdminAsync();
        var user = await NewSignedInUserAsync();

        var response = await SendAsync(HttpMethod.Put, $"/api/admin/users/{user.Id}/role", admin.Token, new { role = "admin" });

        var json = await response.JsonAsync(200);
        Assert.That(json.GetProperty("role").GetString(), Is.EqualTo("admin"));
        Assert.That(json.GetProperty("id").GetInt64(), Is.EqualTo(user.Id));
        await (await GetAsync("/api/admin", user.Token)).JsonAsync(200);
        var stored = await Factory.Database.ScalarAsync<int>($"SELECT role FROM users WHERE id = {user.Id}");
        Assert.That(stored, Is.EqualTo(4));
    }

    [Test]
    public async Task ChangeRole_ToGuest_TakesAwayTheUsersArea()
    {
        var admin = await NewAdminAsync();
        var user = await NewSignedInUserAsync();
        await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{user.Id}/role", admin.Token, new { role = "guest" })).JsonAsync(200);
        await (await GetAsync("/api/profile", user.Token)).AssertProblemAsync(403);
    }

    [TestCase("{\"role\":\"root\"}")]
    [TestCase("{\"role\":\"4\"}")]
    [TestCase("{\"role\":4}")]
    [TestCase("{}")]
    public async Task ChangeRole_WithABadRole_Returns400(string body)
    {
        var admin = await NewAdminAsync();
        var user = await NewSignedInUserAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/users/{user.Id}/role")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", admin.Token) },
        };
        await (await Client.SendAsync(request)).AssertValidationProblemAsync("role");
    }

    [Test]
    public async Task ChangeRole_ToAnUnknownRole_Returns400ListingTheRoles()
    {
        var admin = await NewAdminAsync();
        var user = await NewSignedInUserAsync();
        var response = await SendAsync(HttpMethod.Put, $"/api/admin/users/{user.Id}/role", admin.Token, new { role = "king" });
        await response.AssertValidationErrorsAsync(("role", "Role must be one of: guest, user, admin."));
    }

    [Test]
    public async Task ChangeRole_OfAnUnknownUser_Returns404()
    {
        var admin = await NewAdminAsync();
        await (await SendAsync(HttpMethod.Put, "/api/admin/users/987654/role", admin.Token, new { role = "user" })).AssertProblemAsync(404);
    }

    [Test]
    public async Task ChangeRole_ForAUser_Returns403()
    {
        var user = await NewSignedInUserAsync();
        await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{user.Id}/role", user.Token, new { role = "admin" })).AssertProblemAsync(403);
    }

    [Test]
    public async Task Delete_RemovesTheUser_WhoseTokenThenGets401()
    {
        var admin = await NewAdminAsync();
        var user = await NewSignedInUserAsync();

        var response = await SendAsync(HttpMethod.Delete, $"/api/admin/users/{user.Id}", admin.Token);

        Assert.That((int)response.StatusCode, Is.EqualTo(204));
        await (await GetAsync("/api/profile", user.Token)).AssertProblemAsync(401);
        await (await SendAsync(HttpMethod.Delete, $"/api/admin/users/{user.Id}", admin.Token)).AssertProblemAsync(404);
        await (await AuthenticateAsync(user.Username)).AssertProblemAsync(401);
    }

    [Test]
    public async Task Delete_ForAUser_Returns403()
    {
        var user = await NewSignedInUserAsync();
        var other = await NewSignedInUserAsync();
        await (await SendAsync(HttpMethod.Delete, $"/api/admin/users/{other.Id}", user.Token)).AssertProblemAsync(403);
    }
}

/// <summary>The last-admin rule needs a database with exactly one admin, so these tests get their own app each.</summary>
public sealed class LastAdminTests : ApiTestBase
{
    [SetUp]
    public void FreshApp()
    {
        StopApp();
        StartApp();
    }

    [Test]
    public async Task DemotingTheLastAdmin_Returns409_AndTheyStayAdmin()
    {
        var admin = await NewAdminAsync();

        var response = await SendAsync(HttpMethod.Put, $"/api/admin/users/{admin.Id}/role", admin.Token, new { role = "user" });

        var problem = await response.AssertProblemAsync(409);
        Assert.That(problem.GetProperty("message").GetString(), Does.Contain("no admin"));
        await (await GetAsync("/api/admin", admin.Token)).JsonAsync(200);
    }

    [Test]
    public async Task DeletingTheLastAdmin_Returns409()
    {
        var admin = await NewAdminAsync();
        await (await SendAsync(HttpMethod.Delete, $"/api/admin/users/{admin.Id}", admin.Token)).AssertProblemAsync(409);
        await (await GetAsync("/api/admin", admin.Token)).JsonAsync(200);
    }

    [Test]
    public async Task WithASecondAdmin_AnAdminMayStepDown()
    {
        var first = await NewAdminAsync();
        await NewAdminAsync();

        var json = await (await SendAsync(HttpMethod.Put, $"/api/admin/users/{first.Id}/role", first.Token, new { role = "user" })).JsonAsync(200);

        Assert.That(json.GetProperty("role").GetString(), Is.EqualTo("user"));
        await (await GetAsync("/api/admin", first.Token)).AssertProblemAsync(403);
    }
}
