using System.Globalization;
using System.Text;
using Auth.Core.Abstractions;
using Auth.Core.Tokens;
using Auth.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Auth.Api.Cli;

/// <summary>
/// <c>keys list | rotate [--revoke-previous]</c>: the managed signing keys from a terminal, through the same key ring
/// the service uses, so a rotation here is one the running instances pick up (within SigningKeyMaintenance.Interval).
/// Exit codes as <see cref="UserCommands"/>: 0 done, 1 refused, 2 usage error, 3 the database could not be used.
/// </summary>
public static class KeyCommands
{
    public const string Usage = """
        Usage: Auth.Api keys <command>
          keys list                          every signing key: kid, algorithm, generation, state, created, activated, retired
          keys rotate [--revoke-previous]    a new key signs from now on (the one published ahead, if any); previous keys
                                             stay accepted until the tokens they signed expire, or, with
                                             --revoke-previous, stop being accepted at once (e.g. after a leak)
        Reads the service's configuration (Jwt:Algorithm, Jwt:Secret, ConnectionStrings:Auth, Database:Provider).
        Exit codes: 0 done, 1 refused (the reason is printed), 2 usage error, 3 the database could not be used.
        """;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "keys";

    public static async Task<int> RunAsync(string[] args, CliConsole console,
        IDictionary<string, string?>? configuration = null, CancellationToken ct = default)
    {
        var name = args.Length > 1 ? args[1] : null;
        var options = args.Skip(2).ToArray();
        if (name is "-h" or "--help" or "help")
        {
            console.Out.WriteLine(Usage);
            return UserCommands.Ok;
        }
        var error = name switch
        {
            null => "no command given.",
            "list" when options.Length > 0 => $"unexpected argument '{options[0]}'.",
            "rotate" when options.Any(o => o != "--revoke-previous") => $"unknown option '{options.First(o => o != "--revoke-previous")}'.",
            "list" or "rotate" => null,
            _ => $"unknown command '{name}'.",
        };
        if (error is not null)
        {
            console.Error.WriteLine($"keys: {error}");
            console.Error.WriteLine(Usage);
            return UserCommands.UsageError;
        }

        IHost host;
        try
        {
            host = await CliHost.StartAsync(configuration, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Error.WriteLine($"keys: could not open the database: {e.Message}");
            return UserCommands.Fault;
        }
        try
        {
            var jwt = host.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
            if (name == "list")
                return await ListAsync(host.Services, console, ct);
            if (Refusal(jwt) is { } refusal)
            {
                console.Error.WriteLine($"keys: {refusal}");
                return UserCommands.Refused;
            }
            return await RotateAsync(host.Services.GetRequiredService<SigningKeyRing>(), console, options.Contains("--revoke-previous"), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Error.WriteLine($"keys: {e.Message}");
            return UserCommands.Fault;
        }
        finally
        {
            await CliHost.StopAsync(host);
        }
    }

    /// <summary>Why this configuration cannot rotate, or null.</summary>
    private static string? Refusal(JwtOptions jwt)
    {
        if (!jwt.IsAsymmetric)
            return $"Jwt:Algorithm is {jwt.Algorithm}: there are no managed keys to rotate (rotate Jwt:Secret instead, see Jwt:PreviousSecrets).";
        if (!string.IsNullOrEmpty(jwt.SigningKeyPath))
            return "Jwt:SigningKeyPath is set: the service signs with that file's key; replace the file to rotate.";
        if (jwt.SecretIsEphemeral || Encoding.UTF8.GetByteCount(jwt.Secret) < JwtOptions.MinSecretBytes)
            return $"Jwt:Secret must be the service's secret (at least {JwtOptions.MinSecretBytes} bytes): it encrypts the new private key.";
        return null;
    }

    private static async Task<int> ListAsync(IServiceProvider services, CliConsole console, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<ISigningKeyStore>().ListAsync(includeRetired: true, ct);
        var active = keys.Where(k => k.ActivatedAt is not null && k.RetiredAt is null)
            .GroupBy(k => k.Algorithm).Select(g => g.MaxBy(k => k.Generation)!.Id).ToHashSet();
        var rows = keys.Select(k => new[]
        {
            k.Kid, k.Algorithm, k.Generation.ToString(CultureInfo.InvariantCulture), State(k, active),
            Time(k.CreatedAt), Time(k.ActivatedAt), Time(k.RetiredAt),
        }).Prepend(["KID", "ALG", "GEN", "STATE", "CREATED", "ACTIVATED", "RETIRED"]).ToList();
        var widths = Enumerable.Range(0, 7).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            console.Out.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        console.Out.WriteLine($"{keys.Count} key(s)");
        return UserCommands.Ok;
    }

    /// <summary>active: signs; next: published, signs from its activation; previous: still accepted; retired: neither.</summary>
    private static string State(SigningKey key, HashSet<long> active) =>
        key.RetiredAt is not null ? "retired" : active.Contains(key.Id) ? "active" : key.ActivatedAt is null ? "next" : "previous";

    private static string Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static async Task<int> RotateAsync(SigningKeyRing ring, CliConsole console, bool revokePrevious, CancellationToken ct)
    {
        var rotation = await ring.RotateAsync(revokePrevious, ct);
        var key = rotation.Activated;
        console.Out.WriteLine($"Key {key.Kid} ({key.Algorithm}, generation {key.Generation}) signs from now on.");
        foreach (var (previous, retiresAt) in rotation.Previous)
            console.Out.WriteLine(revokePrevious
                ? $"Key {previous.Kid} is retired: tokens it signed are refused from now on."
                : retiresAt is { } at && at != DateTimeOffset.MaxValue
                    ? $"Key {previous.Kid} stays accepted until {Time(at)}, when the last token it signed has expired."
                    : $"Key {previous.Kid} stays published.");
        console.Out.WriteLine($"Running instances pick this up within {SigningKeyMaintenance.Interval.TotalSeconds:0} seconds.");
        return UserCommands.Ok;
    }
}
