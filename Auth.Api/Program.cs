using Auth.Api;
using Auth.Api.Cli;
using Auth.Api.Logging;
using Auth.Api.OpenApi;
using Auth.Api.Security;
using Auth.Core;
using Auth.Infrastructure;

// "users ..." and "keys ..." are the admins' command line (Cli/): same database and rules, no web server.
if (UserCommands.Handles(args))
{
    Environment.ExitCode = await UserCommands.RunAsync(args, CliConsole.System);
    return;
}
if (KeyCommands.Handles(args))
{
    Environment.ExitCode = await KeyCommands.RunAsync(args, CliConsole.System);
    return;
}

// The slim builder leaves out what this service never uses (IIS, HTTP/3, hosting startups; decision 0010);
// UseKestrelHttpsConfiguration keeps HTTPS endpoints from configuration (Kestrel:Endpoints) working.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();

builder.Services.AddCore();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
builder.Services.AddApi(builder.Configuration);

var app = builder.Build();

app.UseRequestLogging();
app.UseSecurityHeaders();
app.UseTransportSecurity();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseStaticFiles();
app.UseApiDocumentation();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapControllers();
app.MapHealth();
app.MapNotFoundProblems("/api", "/health", "/openapi", "/swagger", "/.well-known");
app.MapFallbackToFile("index.html");

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
