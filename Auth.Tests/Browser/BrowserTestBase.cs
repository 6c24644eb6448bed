using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Auth.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Tests.Browser;

/// <summary>
/// The SPA in a real headless Chromium (Debian's, never a downloaded one) against the real API on a loopback port.
///
/// The API runs as <see cref="AuthApiFactory"/> switched to Kestrel (.NET 10's WebApplicationFactory.UseKestrel)
/// rather than as a child `dotnet Auth.Api.dll` process: it is the same Program with the same test configuration
/// (test-only JWT secret, bcrypt cost 4, a fresh database per fixture, and the fake clock that the token-expiry
/// tests move forward) as the API tests, it serves wwwroot straight from the source tree, it cannot outlive the
/// test run as an orphan process, and it needs no assumption about which build configuration produced
/// Auth.Api.dll. Kestrel listens on 127.0.0.1 with an OS-chosen port.
///
/// Each fixture has its own app, database and browser; each test its own browser context (no shared cookies or
/// sessionStorage) and a full-page screenshot saved and attached to the result, pass or fail.
/// </summary>
[Category("Browser")]
public abstract class BrowserTestBase
{
    protected const string Password = "correct horse battery";

    /// <summary>Chromium flags for a container: no sandbox (we run as root), no GPU, no background traffic.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>
    /// What Chromium logs for every non-2xx fetch. The app's deliberate failures are exactly these statuses:
    /// 400 (validation errors shown inline), 401 (wrong password, expired session), 403 (not allowed), 409 (taken).
    /// </summary>
    private static readonly Regex ExpectedNetworkError =
        new(@"^Failed to load resource: the server responded with a status of (400|401|403|409) \(", RegexOptions.CultureInvariant);

    protected AuthApiFactory App { get; private set; } = null!;
    protected string BaseUrl { get; private set; } = null!;

    /// <summary>A plain HTTP client on the real port, for setting up data exactly as any API client would.</summary>
    protected HttpClient Api { get; private set; } = null!;

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext? _context;
    private readonly List<IBrowserContext> _otherContexts = [];

    protected IPage Page { get; private set; } = null!;

    /// <summary>Console messages of type "error", each with where it came from.</summary>
    protected List<string> ConsoleErrors { get; } = [];

    /// <summary>Uncaught exceptions and unhandled rejections in the page.</summary>
    protected List<string> PageErrors { get; } = [];

    /// <summary>Every alert/confirm/prompt the page opened (each is dismissed).</summary>
    protected List<string> Dialogs { get; } = [];

    /// <summary>Override to add configuration for this class's app before it starts.</summary>
    protected virtual void Configure(AuthApiFactory app) { }

    [OneTimeSetUp]
    public async Task StartAppAndBrowser()
    {
        var chromium = TestServers.Chromium; // ignored outside CI when missing, a failure in CI

        App = new AuthApiFactory();
        Configure(App);
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseUrl = addresses.Addresses.Single();
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl) };

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        // Two shared cores: give auto-waiting assertions more room than the 5 s default.
        SetDefaultExpectTimeout(15_000);
    }

    [OneTimeTearDown]
    public async Task StopAppAndBrowser()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
    }

    [SetUp]
    public async Task OpenFreshContext()
    {
        ConsoleErrors.Clear();
        PageErrors.Clear();
        Dialogs.Clear();
        await NewPageAsync(1280, 800);
    }

    /// <summary>Closes the current context and opens a fresh one (new tab, empty sessionStorage) at this size.</summary>
    protected async Task<IPage> NewPageAsync(int width, int height)
    {
        if (_context is not null)
            await _context.CloseAsync();
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        _context.SetDefaultTimeout(15_000);
        Page = await _context.NewPageAsync();
        Watch(Page, "");
        return Page;
    }

    /// <summary>
    /// Another browser (its own context: no shared sessionStorage) beside <see cref="Page"/>, for a second session of the
    /// same account or a second person. Its errors count like the main page's; it is closed after the test.
    /// </summary>
    protected async Task<IPage> OpenOtherPageAsync(int width = 1280, int height = 800)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        _otherContexts.Add(context);
        var page = await context.NewPageAsync();
        Watch(page, $" [other page {_otherContexts.Count}]");
        return page;
    }

    private void Watch(IPage page, string tag)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                ConsoleErrors.Add($"{message.Text} (at {message.Location}){tag}");
        };
        page.PageError += (_, error) => PageErrors.Add(error + tag);
        page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add($"{dialog.Type}: {dialog.Message}{tag}");
            await dialog.DismissAsync();
        };
    }

    [TearDown]
    public async Task ScreenshotAndCloseContext()
    {
        if (_context is null)
            return;
        try
        {
            if (!Page.IsClosed)
                await SaveScreenshotAsync(null);
        }
        finally
        {
            await _context.CloseAsync();
            _context = null;
            foreach (var other in _otherContexts)
                await other.CloseAsync();
            _otherContexts.Clear();
        }
        // Whatever a test looked at, the app must not have thrown or logged an error of its own.
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Assert.Multiple(() =>
            {
                Assert.That(PageErrors, Is.Empty, "uncaught exceptions in the page");
                Assert.That(UnexpectedConsoleErrors, Is.Empty, "console errors other than deliberate 400/401/403/409 answers");
            });
        }
    }

    /// <summary>Saves a full-page screenshot under the test results and attaches it to the current test.</summary>
    protected async Task<string> SaveScreenshotAsync(string? label)
    {
        var test = TestContext.CurrentContext.Test;
        var name = $"{GetType().Name}.{test.Name}{(label is null ? "" : "." + label)}";
        name = Regex.Replace(name, @"[^A-Za-z0-9._-]+", "_");
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        // From the top: a full-page shot of a scrolled page paints the sticky header mid-page.
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, label ?? "the page at the end of the test");
        return path;
    }

    // ---- set-up through the API and the database, as a client or an admin would --------------------------

    private static int _counter;

    /// <summary>A username no other test has used (valid for signup: letters, digits, '_').</summary>
    protected static string NewUsername(string prefix = "user") =>
        $"{prefix}{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Signs up through POST /api/signup and returns the new user's id.</summary>
    protected async Task<long> SignUpThroughApiAsync(string username)
    {
        var response = await Api.PostAsJsonAsync("/api/signup", new { username, password = Password });
        var user = (await response.JsonAsync(201)).GetProperty("user");
        return user.GetProperty("id").GetInt64();
    }

    /// <summary>How an admin is made: <c>UPDATE users SET role = 4</c> at a SQL prompt.</summary>
    protected async Task PromoteInDatabaseAsync(string username)
    {
        var rows = await App.Database.ExecuteAsync($"UPDATE users SET role = 4 WHERE username = {username}");
        Assert.That(rows, Is.EqualTo(1), $"promoting {username}");
    }

    protected Task<int> RoleInDatabaseAsync(string username) =>
        App.Database.ScalarAsync<int>($"SELECT role FROM users WHERE username = {username}");

    // ---- the browser -----------------------------------------------------------------------------------------

    protected ILocator Main => Page.Locator("main#main");

    /// <summary>Waits until the SPA has finished rendering the current route.</summary>
    protected async Task WaitForRenderAsync(IPage? page = null) =>
        await Expect((page ?? Page).Locator("main#main")).Not.ToHaveAttributeAsync("aria-busy", "true");

    protected async Task GoToAsync(string path, IPage? page = null)
    {
        await (page ?? Page).GotoAsync(path);
        await WaitForRenderAsync(page);
    }

    /// <summary>Logs in through the real form on /login (or on the login page the app sent us to), in <see cref="Page"/> unless told.</summary>
    protected async Task LogInThroughFormAsync(string username, string password = Password, bool open = true, IPage? page = null)
    {
        page ??= Page;
        if (open)
            await GoToAsync("/login", page);
        await page.Locator("#login-username").FillAsync(username);
        await page.Locator("#login-password").FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page.Locator("#nav-username")).ToHaveTextAsync(username);
        await WaitForRenderAsync(page);
    }

    protected ILocator UserRow(string username) =>
        Page.Locator($"tr[data-testid=user-row][data-username=\"{CssString(username)}\"]");

    /// <summary>Escapes a value for a double-quoted CSS attribute selector.</summary>
    protected static string CssString(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");

    /// <summary>Console errors other than Chromium's line for a deliberate 400/401/403/409 answer.</summary>
    protected IEnumerable<string> UnexpectedConsoleErrors =>
        ConsoleErrors.Where(e => !ExpectedNetworkError.IsMatch(e));
}
