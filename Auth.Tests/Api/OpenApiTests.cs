using System.Text.Json;
using System.Text.RegularExpressions;
using Auth.Api.OpenApi;
using Auth.Core.Users;
using Auth.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Tests.Api;

/// <summary>The OpenAPI document and Swagger UI, switched on with OpenApi:Enabled (the tests run outside Development).</summary>
public sealed partial class OpenApiTests : ApiTestBase
{
    protected override void Configure(AuthApiFactory factory) => factory.Settings["OpenApi:Enabled"] = "true";

    private JsonElement _document;

    [OneTimeSetUp]
    public async Task FetchDocument() =>
        _document = await (await Client.GetAsync("/openapi/v1.json")).JsonAsync(200);

    /// <summary>Every controller action the app routes, found through the endpoint data source (no hand-kept list).</summary>
    private IEnumerable<(string Method, string Path, RouteEndpoint Endpoint)> ControllerActions() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(m => (m, "/" + RouteConstraint().Replace(e.RoutePattern.RawText!, "}"), e)));

    [GeneratedRegex(":[a-z]+}")]
    private static partial Regex RouteConstraint();

    private JsonElement Operation(string method, string path)
    {
        Assert.That(_document.GetProperty("paths").TryGetProperty(path, out var item), Is.True, $"{path} is not in the document");
        Assert.That(item.TryGetProperty(method.ToLowerInvariant(), out var operation), Is.True, $"{method} {path} is not in the document");
        return operation;
    }

    private static IEnumerable<int> DocumentedStatuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name));

    [Test]
    public void EveryControllerAction_AppearsInTheDocument_WithEveryStatusItsAttributesDeclare()
    {
        var actions = ControllerActions().ToList();
        Assert.That(actions, Has.Count.GreaterThanOrEqualTo(10), "the endpoint data source should list every action");
        Assert.Multiple(() =>
        {
            foreach (var (method, path, endpoint) in actions)
            {
                var declared = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).Distinct();
                Assert.That(DocumentedStatuses(Operation(method, path)), Is.SupersetOf(declared), $"{method} {path}");
            }
        });
    }

    /// <summary>docs/api.md is the contract: every status in its endpoint table is documented for that endpoint.</summary>
    [Test]
    public void EveryStatusCodeOfTheApiContract_IsDocumented()
    {
        var rows = ContractRows().ToList();
        Assert.That(rows.Select(r => r.Path), Does.Contain("/api/signup").And.Contain("/api/admin/users/{id}/role").And.Contain("/health/ready")
            .And.Contain("/.well-known/jwks.json").And.Contain("/.well-known/openid-configuration"));
        Assert.Multiple(() =>
        {
            foreach (var (method, path, statuses) in rows)
                Assert.That(DocumentedStatuses(Operation(method, path)), Is.SupersetOf(statuses), $"{method} {path}");
        });
    }

    private static IEnumerable<(string Method, string Path, int[] Statuses)> ContractRows()
    {
        var apiMd = Path.Combine(RepositoryRoot(), "docs", "api.md");
        foreach (var line in File.ReadLines(apiMd))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 7 || !Regex.IsMatch(cells[1], "^(GET|POST|PUT|DELETE|PATCH)$"))
                continue;
            var paths = cells[2].Split(',').Select(p => p.Trim().Split(' ', '?')[0].Trim('`'))
                .Where(p => p.StartsWith("/api/") || p.StartsWith("/health/") || p.StartsWith("/.well-known/")).ToList();
            // A row may name several paths ("/health/live, /health/ready"); a clause that names one of them by its
            // last segment ("ready is 503") is about that path only.
            var clauses = (cells[4] + ";" + cells[5]).Split(';');
            foreach (var path in paths)
            {
                var statuses = clauses
                    .Where(c => paths.Count == 1 || !paths.Any(other => other != path && c.Contains(other.Split('/')[^1])))
                    .SelectMany(c => Regex.Matches(c, @"\b[1-5]\d\d\b").Select(m => int.Parse(m.Value)))
                    .Distinct().ToArray();
                yield return (cells[1], path, statuses);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Auth.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Auth.sln not found above the test directory.");
    }

    [Test]
    public void TheBearerScheme_IsDescribed()
    {
        var bearer = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiDocumentation.BearerScheme);
        Assert.That(bearer.GetProperty("type").GetString(), Is.EqualTo("http"));
        Assert.That(bearer.GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
        Assert.That(bearer.GetProperty("bearerFormat").GetString(), Is.EqualTo("JWT"));
    }

    [Test]
    public void UserAndAdminOperations_RequireTheBearerToken_GuestOnesTakeItOptionally_PublicOnesDoNot()
    {
        Assert.Multiple(() =>
        {
            foreach (var (method, path, endpoint) in ControllerActions())
            {
                var operation = Operation(method, path);
                var requirements = operation.TryGetProperty("security", out var security)
                    ? security.EnumerateArray().Select(r => string.Join(",", r.EnumerateObject().Select(p => p.Name))).ToList()
                    : [];
                var expected = ApiDocumentation.AccessLevelOf(endpoint.Metadata) switch
                {
                    null => new List<string>(),
                    AccessLevel.Guest => ["", "Bearer"],
                    _ => ["Bearer"],
                };
                Assert.That(requirements, Is.EqualTo(expected), $"{method} {path}");
            }
        });
        // The table above would pass on an app with no protected endpoints at all: pin the ones the contract names.
        Assert.That(Operation("GET", "/api/admin").GetProperty("security")[0].TryGetProperty("Bearer", out _), Is.True);
        Assert.That(Operation("POST", "/api/signup").TryGetProperty("security", out _), Is.False);
    }

    [Test]
    public void Me_IsDocumentedAsTheAccountOrTheGuestRole()
    {
        var schema = Operation("GET", "/api/me").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var choices = schema.GetProperty("oneOf").EnumerateArray().ToList();
        Assert.That(choices, Has.Count.EqualTo(2));
        Assert.That(choices[0].GetProperty("$ref").GetString(), Does.EndWith("/UserResponse"));
        var guest = choices[1].TryGetProperty("$ref", out var reference)
            ? _document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : choices[1];
        Assert.That(guest.GetProperty("properties").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "role", "signupOpen" }));
    }

    [Test]
    public void ProblemResponses_DescribeTheMessageField()
    {
        var problem = _document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");
        Assert.That(problem.GetProperty("properties").TryGetProperty("message", out _), Is.True);
        var conflict = Operation("POST", "/api/signup").GetProperty("responses").GetProperty("409").GetProperty("content");
        Assert.That(conflict.TryGetProperty("application/problem+json", out _), Is.True);
    }

    [Test]
    public async Task Swagger_RedirectsToTheUi_WhichLoadsItsScriptsAndStylesAndPointsAtTheDocument()
    {
        var response = await Client.GetAsync("/swagger");
        var html = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/swagger/index.html"));
        Assert.That(html, Does.Contain("id=\"swagger-ui\""));

        var assets = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.That(assets, Has.Some.EndsWith(".js").And.Some.EndsWith(".css"));
        var scripts = "";
        foreach (var asset in assets)
        {
            var assetResponse = await Client.GetAsync("/swagger/" + asset.TrimStart('.', '/'));
            Assert.That((int)assetResponse.StatusCode, Is.EqualTo(200), asset);
            Assert.That(assetResponse.Content.Headers.ContentType?.MediaType, Does.Contain(asset.EndsWith(".css") ? "css" : "javascript"), asset);
            if (asset.EndsWith(".js"))
                scripts += await assetResponse.Content.ReadAsStringAsync();
        }
        Assert.That(scripts, Does.Contain(ApiDocumentation.DocumentPath), "the UI is configured with the document's URL");
    }

    [GeneratedRegex("""(?:src|href)="([^"]+\.(?:js|css))""")]
    private static partial Regex AssetReference();
}

/// <summary>Outside Development, with OpenApi:Enabled unset, neither the document nor the UI is served.</summary>
public sealed class OpenApiDisabledTests : ApiTestBase
{
    [TestCase("/openapi/v1.json")]
    [TestCase("/swagger/index.html")]
    public async Task OutsideDevelopment_ByDefault_TheDocumentAndUiAre404Problems(string path)
    {
        await (await Client.GetAsync(path)).AssertProblemAsync(404);
    }
}
