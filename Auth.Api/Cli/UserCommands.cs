using System.Globalization;
using Auth.Core.Common;
using Auth.Core.Services;
using Auth.Core.Users;

namespace Auth.Api.Cli;

/// <summary>
/// <c>users list | create | promote | set-password | reset-code | disable | enable | delete</c>: account administration from a terminal, in the same executable as
/// the service and through the same Core services as the admin API.
/// Exit codes: 0 done, 1 refused (the reason on stderr), 2 usage error, 3 the database could not be used.
/// </summary>
public static class UserCommands
{
    public const int Ok = 0, Refused = 1, UsageError = 2, Fault = 3;
    public const string PasswordVariable = "AUTH_ADMIN_PASSWORD";

    public const string Usage = """
        Usage: Auth.Api users <command>
          users list                                   every account: id, username, role, created
          users create <username> [--role <role>]      a new account (role defaults to user); the password comes from
                                                       the environment variable AUTH_ADMIN_PASSWORD, else the first
                                                       line of standard input (typed without echo at a terminal)
          users promote <username> [--role <role>]     change the account's role (defaults to admin)
          users set-password <username>                set a new password (from AUTH_ADMIN_PASSWORD or standard
                                                       input, as for create) and end every session of the account
          users reset-code <username>                  print a one-time code the person sets a password with at /reset
          users disable <username>                     stop the account: no login, every session ends at once
          users enable <username>                      let a disabled account log in again
          users delete <username>                      delete the account and end its sessions
        <role> is admin, user or guest. The database is the service's: ConnectionStrings:Auth and Database:Provider
        from appsettings*.json and the environment (ConnectionStrings__Auth=...), as for the service.
        Exit codes: 0 done, 1 refused (the reason is printed), 2 usage error, 3 the database could not be used.
        """;

    /// <summary>Whether the process was started as the command line rather than the service.</summary>
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "users";

    public static async Task<int> RunAsync(string[] args, CliConsole console,
        IDictionary<string, string?>? configuration = null, CancellationToken ct = default)
    {
        var command = Parse(args);
        if (command.Help)
        {
            console.Out.WriteLine(Usage);
            return Ok;
        }
        if (command.Error is not null)
        {
            console.Error.WriteLine($"users: {command.Error}");
            console.Error.WriteLine(Usage);
            return UsageError;
        }
        var role = Role.User;
        if (command.Role is not null && !Roles.TryParse(command.Role, out role))
        {
            console.Error.WriteLine($"users: unknown role '{command.Role}'. Role must be one of: {string.Join(", ", Roles.Names)}.");
            return Refused;
        }

        IHost host;
        try
        {
            host = await CliHost.StartAsync(configuration, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Error.WriteLine($"users: could not open the database: {e.Message}");
            return Fault;
        }
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            return command.Name switch
            {
                "list" => await ListAsync(services, console, ct),
                "create" => await CreateAsync(services, console, command.Username!, command.Role is null ? Role.User : role, ct),
                "promote" => await PromoteAsync(services, console, command.Username!, command.Role is null ? Role.Admin : role, ct),
                "set-password" => await SetPasswordAsync(services, console, command.Username!, ct),
                "reset-code" => await ResetCodeAsync(services, console, command.Username!, ct),
                "disable" => await SetStatusAsync(services, console, command.Username!, AccountStatus.Disabled, ct),
                "enable" => await SetStatusAsync(services, console, command.Username!, AccountStatus.Active, ct),
                _ => await DeleteAsync(services, console, command.Username!, ct),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault, not a refusal: the database went away mid-command. Said in one line, without a stack trace.
            console.Error.WriteLine($"users: the database could not be used: {e.Message}");
            return Fault;
        }
        finally
        {
            await CliHost.StopAsync(host);
        }
    }

    private static async Task<int> ListAsync(IServiceProvider services, CliConsole console, CancellationToken ct)
    {
        var administration = services.GetRequiredService<IUserAdministration>();
        var users = new List<User>();
        for (var number = 1; ; number++)
        {
            var page = await administration.ListAsync(number, Paging.MaxSize, ct);
            users.AddRange(page.Items);
            if (page.Items.Count == 0 || users.Count >= page.Total)
                break;
        }
        var rows = users.Select(u => new[]
        {
            u.Id.ToString(CultureInfo.InvariantCulture), u.Username, u.Role.ToName(),
            u.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }).Prepend(["ID", "USERNAME", "ROLE", "CREATED"]).ToList();
        var widths = Enumerable.Range(0, 4).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            console.Out.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        console.Out.WriteLine($"{users.Count} user(s)");
        return Ok;
    }

    private static async Task<int> CreateAsync(IServiceProvider services, CliConsole console, string username, Role role, CancellationToken ct)
    {
        if (!Usernames.IsValid(username))
            return Refuse(console, Usernames.InvalidMessage);
        if (ReadPassword(console, out var password) is { } problem)
            return Refuse(console, problem);

        var created = await services.GetRequiredService<IUserAdministration>().CreateAsync(null, username, role, password, ct);
        if (!created.Succeeded)
            return Refuse(console, created.Message);
        var user = created.Value!.User;
        console.Out.WriteLine($"Created {user.Username} (id {user.Id}) with role {role.ToName()}.");
        return Ok;
    }

    private static Task<int> PromoteAsync(IServiceProvider services, CliConsole console, string username, Role role, CancellationToken ct) =>
        WithAccountAsync(services, console, username, async (administration, user) =>
        {
            var changed = await administration.ChangeRoleAsync(null, user.Id, role, ct);
            if (!changed.Succeeded)
                return Refuse(console, changed.Message);
            console.Out.WriteLine($"{user.Username} (id {user.Id}): {user.Role.ToName()} -> {role.ToName()}.");
            return Ok;
        }, ct);

    private static Task<int> SetPasswordAsync(IServiceProvider services, CliConsole console, string username, CancellationToken ct) =>
        WithAccountAsync(services, console, username, async (administration, user) =>
        {
            if (ReadPassword(console, out var password) is { } problem)
                return Refuse(console, problem);
            var set = await administration.SetPasswordAsync(null, user.Id, password, ct);
            if (!set.Succeeded)
                return Refuse(console, set.Message);
            console.Out.WriteLine($"{user.Username} (id {user.Id}): password set; every session ended.");
            return Ok;
        }, ct);

    private static Task<int> ResetCodeAsync(IServiceProvider services, CliConsole console, string username, CancellationToken ct) =>
        WithAccountAsync(services, console, username, async (administration, user) =>
        {
            var issued = await administration.IssueResetCodeAsync(null, user.Id, ct);
            if (!issued.Succeeded)
                return Refuse(console, issued.Message);
            // The code alone on stdout, so that a script can capture it; what it is for goes to stderr.
            console.Out.WriteLine(issued.Value!.Code);
            console.Error.WriteLine($"One-time code for {user.Username} (id {user.Id}), valid until " +
                $"{issued.Value.ExpiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}: they set a new password with it at /reset.");
            return Ok;
        }, ct);

    private static Task<int> SetStatusAsync(IServiceProvider services, CliConsole console, string username, AccountStatus status, CancellationToken ct) =>
        WithAccountAsync(services, console, username, async (administration, user) =>
        {
            var changed = await administration.SetStatusAsync(null, user.Id, status, null, ct);
            if (!changed.Succeeded)
                return Refuse(console, changed.Message);
            console.Out.WriteLine(status == AccountStatus.Disabled
                ? $"{user.Username} (id {user.Id}) disabled; every session ended."
                : $"{user.Username} (id {user.Id}) enabled.");
            return Ok;
        }, ct);

    /// <summary>The commands on an existing account: found by name (case-insensitively), or refused when there is none.</summary>
    private static async Task<int> WithAccountAsync(IServiceProvider services, CliConsole console, string username,
        Func<IUserAdministration, User, Task<int>> act, CancellationToken ct)
    {
        var administration = services.GetRequiredService<IUserAdministration>();
        var user = await administration.FindByUsernameAsync(username, ct);
        return user is null ? Refuse(console, $"No user named '{username}'.") : await act(administration, user);
    }

    /// <summary>The password for create and set-password: from the environment, else standard input; never an argument.</summary>
    private static string? ReadPassword(CliConsole console, out string password)
    {
        var given = console.EnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(given))
            given = console.ReadSecretLine("Password: ");
        password = given ?? "";
        return Passwords.Problem(given) is { } problem
            ? $"{problem} (Give it in {PasswordVariable} or on standard input, never as an argument.)"
            : null;
    }

    private static Task<int> DeleteAsync(IServiceProvider services, CliConsole console, string username, CancellationToken ct) =>
        WithAccountAsync(services, console, username, async (administration, user) =>
        {
            var deleted = await administration.DeleteAsync(null, user.Id, ct);
            if (!deleted.Succeeded)
                return Refuse(console, deleted.Message);
            console.Out.WriteLine($"Deleted {user.Username} (id {user.Id}).");
            return Ok;
        }, ct);

    private static int Refuse(CliConsole console, string? message)
    {
        console.Error.WriteLine($"users: {message ?? "refused."}");
        return Refused;
    }

    private sealed record Command(string? Name, string? Username = null, string? Role = null, string? Error = null, bool Help = false);

    private static Command Parse(string[] args)
    {
        if (args.Length < 2 || args[1] is "-h" or "--help" or "help")
            return args.Length < 2 ? new Command(null, Error: "no command given.") : new Command(null, Help: true);
        var name = args[1];
        if (name is not ("list" or "create" or "promote" or "set-password" or "reset-code" or "disable" or "enable" or "delete"))
            return new Command(null, Error: $"unknown command '{name}'.");

        string? username = null, role = null;
        for (var i = 2; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
                return new Command(name, Help: true);
            if (arg == "--role" || arg.StartsWith("--role=", StringComparison.Ordinal))
            {
                if (name is not ("create" or "promote"))
                    return new Command(name, Error: $"'{name}' takes no --role.");
                role = arg == "--role" ? (i + 1 < args.Length ? args[++i] : null) : arg["--role=".Length..];
                if (string.IsNullOrEmpty(role))
                    return new Command(name, Error: "--role needs a value: admin, user or guest.");
            }
            else if (arg.StartsWith('-'))
                return new Command(name, Error: arg.StartsWith("--password", StringComparison.Ordinal)
                    ? $"passwords are never taken as arguments: set {PasswordVariable} or pipe it on standard input."
                    : $"unknown option '{arg}'.");
            else if (name == "list" || username is not null)
                return new Command(name, Error: $"unexpected argument '{arg}'.");
            else
                username = arg;
        }
        if (name != "list" && username is null)
            return new Command(name, Error: $"'{name}' needs a username.");
        return new Command(name, username, role);
    }
}
