using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Auth.Tests.Support;

/// <summary>
/// Each API test class gets its own app on its own database: SQLite, since what the API does over HTTP does not
/// depend on the backend. What does (the stores) is the repository contract suite's, run on every backend, with one
/// end-to-end fixture per backend (EndToEndTests passes its backend here). Tests in a class use fresh usernames.
/// </summary>
public abstract class ApiTestBase(string backend = Backends.Sqlite)
{
    protected string Backend { get; } = backend;

    protected AuthApiFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    protected const string Password = "correct horse battery";

    /// <summary>Override to add configuration for this class's app.</summary>
    protected virtual void Configure(AuthApiFactory factory) { }

    [OneTimeSetUp]
    public void StartApp()
    {
        Factory = new AuthApiFactory(Backend);
        Configure(Factory);
        Client = Factory.CreateClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        // Null when StartApp never got that far: a fixture whose database server is missing is ignored (failed in
        // CI) while making its database, and that must stay its only outcome, not a NullReferenceException here.
        Client?.Dispose();
        Factory?.Dispose();
    }

    private static int _counter;

    /// <summary>A username no other test has used.</summary>
    protected static string NewUsername(string prefix = "user") =>
        $"{prefix}{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}";

    protected async Task<JsonElement> SignUpAsync(string username, string password = Password)
    {
        var response = await Client.PostAsJsonAsync("/api/signup", new { username, password });
        return (await response.JsonAsync(201)).GetProperty("user");
    }

    protected Task<HttpResponseMessage> AuthenticateAsync(string username, string password = Password) =>
        Client.PostAsJsonAsync("/api/authenticate", new { username, password });

    protected async Task<JsonElement> LoginAsync(string username, string password = Password) =>
        await (await AuthenticateAsync(username, password)).JsonAsync(200);

    /// <summary>Signs up a new user and returns an access token for them.</summary>
    protected async Task<(string Username, long Id, string Token)> NewSignedInUserAsync(string prefix = "user")
    {
        var username = NewUsername(prefix);
        var user = await SignUpAsync(username);
        var login = await LoginAsync(username);
        return (username, user.GetProperty("id").GetInt64(), login.GetProperty("token").GetString()!);
    }

    /// <summary>The session (<c>sid</c> claim) an access token belongs to.</summary>
    protected static string SessionIdOf(string token) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetClaim("sid").Value;

    /// <summary>How an admin is made today: SQL against the users table.</summary>
    protected Task SetRoleInDatabaseAsync(string username, int role) =>
        Factory.Database.ExecuteAsync($"UPDATE users SET role = {role} WHERE username = {username}");

    protected async Task<(string Username, long Id, string Token)> NewAdminAsync()
    {
        var admin = await NewSignedInUserAsync("admin");
        await SetRoleInDatabaseAsync(admin.Username, 4);
        return admin;
    }

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> GetAsync(string path, string? token = null, string scheme = "Bearer") =>
        SendAsync(HttpMethod.Get, path, token, scheme: scheme);
}
