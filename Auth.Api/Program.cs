using Auth.Api;
using Auth.Api.Cli;
using Auth.Api.Hosting;
using Auth.Api.Logging;
using Auth.Api.OpenApi;
using Auth.Api.Security;
using Auth.Core;
using Auth.Infrastructure;
using Auth.Infrastructure.Security;
using Microsoft.Extensions.Options;

// "users ..." is the admins' command line (Cli/UserCommands.cs): same database and rules, no web server.
if (UserCommands.Handles(args))
{
    Environment.ExitCode = await UserCommands.RunAsync(args, CliConsole.System);
    return;
}

// The slim builder leaves out what this service never uses and would still load: IIS integration, the HTTP/3 (QUIC)
// transport, hosting-startup assemblies (about 2.5 MiB at ready, decision 0010). HTTPS endpoints from configuration
// (Kestrel:Endpoints) keep working through UseKestrelHttpsConfiguration.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Services.AddCore();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
builder.Services.AddApi(builder.Configuration);

var app = builder.Build();

if (app.Services.GetRequiredService<IOptions<JwtOptions>>().Value.SecretIsEphemeral)
    app.Logger.LogWarning("Jwt:Secret is not set: using a random secret for this run (Development only). Tokens die with the process.");

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
app.MapNotFoundProblems("/api", "/health", "/openapi", "/swagger");
app.MapFallbackToFile("index.html");

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
