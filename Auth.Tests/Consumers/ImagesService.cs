using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Consumers;

/// <summary>
/// The original tutorial's "images service": a second ASP.NET Core app on a loopback port that trusts this service's
/// tokens with the stock JwtBearer handler and nothing but its Authority (no secret, no key, no custom code): exactly
/// the README's .NET consumer set-up.
/// </summary>
public sealed class ImagesService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ImagesService(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public static async Task<ImagesService> StartAsync(Uri authority)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = authority.ToString().TrimEnd('/');
            o.Audience = "auth-clients";
            o.RequireHttpsMetadata = false; // loopback in a test; a deployment keeps HTTPS
            o.MapInboundClaims = false;
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/images", (HttpContext context) => Results.Ok(new { owner = context.User.FindFirst("sub")?.Value }))
            .RequireAuthorization();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ImagesService(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
