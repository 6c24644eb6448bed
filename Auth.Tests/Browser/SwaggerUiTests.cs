using System.Text.Json;
using Auth.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Auth.Tests.Browser;

/// <summary>
/// Swagger UI as a developer meets it: loaded in a real Chromium under the service's Content-Security-Policy, listing
/// every operation of the OpenAPI document (which OpenApiDocumentTests hold to every controller action).
/// </summary>
[Category("Browser")]
public sealed class SwaggerUiTests : BrowserTestBase
{
    protected override void Configure(AuthApiFactory app) => app.Settings["OpenApi:Enabled"] = "true";

    [Test]
    public async Task SwaggerUi_LoadsAndListsEveryOperationOfTheDocument_WithAnAuthorizeButton()
    {
        using var document = JsonDocument.Parse(await Api.GetStringAsync("/openapi/v1.json"));
        var operations = (
            from path in document.RootElement.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            where operation.Name is "get" or "post" or "put" or "delete" or "patch"
            select (Method: operation.Name, Path: path.Name)).ToList();
        Assert.That(operations.Select(o => o.Path), Does.Contain("/api/signup").And.Contain("/api/admin/users/{id}/role"));

        await Page.GotoAsync("/swagger/index.html");

        await Expect(Page.Locator(".opblock")).ToHaveCountAsync(operations.Count);
        foreach (var (method, path) in operations)
            await Expect(Page.Locator($".opblock-{method} .opblock-summary-path[data-path=\"{CssString(path)}\"]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("button.authorize")).ToBeVisibleAsync();
        await SaveScreenshotAsync("swagger-ui");
    }

    [Test]
    public async Task OnlySwaggerUi_GetsTheWiderContentSecurityPolicy()
    {
        using var swagger = await Api.GetAsync("/swagger/index.html");
        using var spa = await Api.GetAsync("/");
        using var api = await Api.GetAsync("/api/me");

        Assert.That(swagger.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("img-src 'self' data:"));
        Assert.That(spa.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(Auth.Api.Security.SecurityHeaders.ContentSecurityPolicy));
        Assert.That(api.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(Auth.Api.Security.SecurityHeaders.ContentSecurityPolicy));
    }
}
