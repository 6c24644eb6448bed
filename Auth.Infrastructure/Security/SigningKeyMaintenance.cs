using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Security;

/// <summary>
/// Loads the signing keys before the server takes requests (making the first key on an empty database), then every
/// <see cref="Interval"/> applies the rotation schedule and picks up what other instances or <c>keys rotate</c>
/// changed. The interval runs on the injected clock, so a test that moves its fake clock past a rotation sees it happen.
/// Under HS256 there are no keys to manage: it only says, once, what that means for other services.
/// </summary>
public sealed partial class SigningKeyMaintenance(
    SigningKeyRing ring, SchemaState schema, IOptions<JwtOptions> options, TimeProvider clock, ILogger<SigningKeyMaintenance> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsAsymmetric)
        {
            LogHs256(logger);
            return;
        }
        if (!string.IsNullOrEmpty(o.SigningKeyPath))
        {
            await ring.MaintainAsync(cancellationToken);
            LogKeyFile(logger, o.SigningKeyPath, ring.Current.Signing!.Kid);
            return;
        }
        if (schema.IsReady)
        {
            try
            {
                await ring.MaintainAsync(cancellationToken);
                LogActive(logger, o.Algorithm, ring.Current.Signing?.Kid ?? "(none)");
            }
            catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
            {
                // The migrator said the database answers; if it has gone since, the loop (or the first token) loads them.
                LogReloadFailed(logger, e.Message);
            }
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                if (schema.IsReady)
                    await ring.MaintainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogReloadFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jwt:Algorithm is HS256: tokens are signed with the shared Jwt:Secret, " +
        "so other services cannot verify them without that secret (and whoever holds it can mint tokens). " +
        "RS256 or ES256 publish public keys at /.well-known/jwks.json instead.")]
    private static partial void LogHs256(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing with the key in Jwt:SigningKeyPath {Path} (kid {Kid}); nothing is generated or rotated.")]
    private static partial void LogKeyFile(ILogger logger, string path, string? kid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing {Algorithm} tokens with key {Kid}")]
    private static partial void LogActive(ILogger logger, string algorithm, string? kid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing keys not loaded: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);
}
