using System.Data.Common;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Auth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using YamlDotNet.RepresentationModel;
using InfrastructureSetup = Auth.Infrastructure.DependencyInjection;

namespace Auth.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml and the Dockerfile are checked against the code instead:
/// a misspelt environment key or a renamed assembly would otherwise only show up on someone's server.
/// </summary>
public sealed partial class DockerComposeTests
{
    private static readonly string Root = FindRepositoryRoot();
    private YamlMappingNode _services = null!;

    [SetUp]
    public void LoadCompose()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml")))
            yaml.Load(reader);
        _services = (YamlMappingNode)((YamlMappingNode)yaml.Documents.Single().RootNode)["services"];
    }

    /// <summary>The service built from the repository's Dockerfile.</summary>
    private YamlMappingNode Api => _services.Children.Values.Cast<YamlMappingNode>()
        .Single(s => s.Children.ContainsKey("build"));

    private (string Name, YamlMappingNode Service) MySql => _services.Children
        .Select(s => (Name: s.Key.ToString(), Service: (YamlMappingNode)s.Value))
        .Single(s => s.Service.Children.TryGetValue("image", out var image) && image.ToString().StartsWith("mysql:8.4"));

    [Test]
    public void ApiService_SetsOnlyConfigurationKeysTheApiReads()
    {
        var readable = ConfigurationKeysTheApiReads();
        var unknown = Environment(Api).Keys.Where(key => !IsRead(key, readable)).ToList();

        Assert.That(unknown, Is.Empty, "environment keys the API never reads (misspelt?)");
        Assert.That(Environment(Api).Keys.Select(ToConfigurationKey),
            Is.SupersetOf(new[] { "Database:Provider", "ConnectionStrings:Auth", "Jwt:Secret" }));
    }

    [Test]
    public void ApiService_RunsOnMySql_InTheMySqlServicesDatabase()
    {
        var settings = Environment(Api).ToDictionary(e => ToConfigurationKey(e.Key), e => (string?)e.Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var mysqlEnvironment = Environment(MySql.Service);
        var connection = new DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) };

        Assert.That(InfrastructureSetup.ReadProvider(configuration), Is.EqualTo(DatabaseProvider.MySql));
        Assert.That(connection["Server"], Is.EqualTo(MySql.Name), "the host is the mysql service's name on the compose network");
        Assert.That(connection["Database"], Is.EqualTo(mysqlEnvironment["MYSQL_DATABASE"]));
        Assert.That(connection["User ID"], Is.EqualTo(mysqlEnvironment["MYSQL_USER"]));
        Assert.That(connection["Password"], Is.EqualTo(mysqlEnvironment["MYSQL_PASSWORD"]),
            "the API logs in with the password the mysql container was created with");
    }

    [Test]
    public void Secrets_ComeFromTheEnvFile_AndEnvExampleDefinesEveryVariableTheComposeFileUses()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        var example = File.ReadAllText(Path.Combine(Root, ".env.example"));
        var used = ComposeVariable().Matches(compose).Select(m => m.Groups[1].Value).Distinct().ToList();
        var defined = Regex.Matches(example, @"^([A-Z_][A-Z0-9_]*)=", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        var jwtSecret = Environment(Api).Single(e => ToConfigurationKey(e.Key) == "Jwt:Secret").Value;

        Assert.That(ComposeVariable().IsMatch(jwtSecret), Is.True, $"Jwt__Secret must come from .env, not be written in the file: {jwtSecret}");
        Assert.That(used, Is.Not.Empty);
        Assert.That(defined, Is.SupersetOf(used));
    }

    [Test]
    public void Dockerfile_EntryPoint_RunsTheApiAssembly()
    {
        var entryPoint = DockerfileInstructions().Last(i => i.Instruction == "ENTRYPOINT").Arguments;
        var assembly = typeof(Program).Assembly.GetName().Name + ".dll";

        Assert.That(JsonSerializer.Deserialize<string[]>(entryPoint), Is.EqualTo(new[] { "dotnet", assembly }));
    }

    [Test]
    public void Dockerfile_RestoresEveryProjectTheApiIsBuiltFrom_BeforeCopyingTheSources()
    {
        var instructions = DockerfileInstructions();
        var restore = instructions.FindIndex(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet restore"));
        var copiedBeforeRestore = instructions.Take(restore).Where(i => i.Instruction == "COPY")
            .SelectMany(i => i.Arguments.Split(' ')).ToHashSet();
        var api = typeof(Program).Assembly;
        var projects = api.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Auth."))
            .Append(api.GetName().Name!).ToList();

        Assert.That(restore, Is.GreaterThan(0), "a dotnet restore step");
        Assert.That(projects, Has.Count.GreaterThan(1));
        Assert.That(copiedBeforeRestore, Is.SupersetOf(projects.Select(p => $"{p}/{p}.csproj")));
    }

    // --- what the API reads

    /// <summary>
    /// Keys from the options classes (each declares its section as <c>Section</c> and binds its settable properties),
    /// the connection string, and the host's own keys (ASPNETCORE_/DOTNET_ prefixed environment variables).
    /// </summary>
    private static HashSet<string> ConfigurationKeysTheApiReads()
    {
        var assemblies = new[] { typeof(Program).Assembly, typeof(DatabaseOptions).Assembly, typeof(Auth.Core.Users.User).Assembly };
        var options =
            from type in assemblies.SelectMany(a => a.GetTypes())
            let section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)
            where section is { IsLiteral: true }
            from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            where property.SetMethod is { IsPublic: true }
            select $"{section.GetRawConstantValue()}:{property.Name}";
        var keys = options.Append($"ConnectionStrings:{DatabaseOptions.ConnectionStringName}").ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.That(keys, Has.Count.GreaterThan(5), "found the options classes");
        return keys;
    }

    private static readonly HashSet<string> HostKeys =
        new[] { typeof(WebHostDefaults), typeof(HostDefaults) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(string))
            .Select(f => (string)f.GetValue(null)!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static bool IsRead(string environmentKey, HashSet<string> readable)
    {
        foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
            if (environmentKey.StartsWith(prefix, StringComparison.Ordinal))
                return HostKeys.Contains(ToConfigurationKey(environmentKey[prefix.Length..]));
        // "Jwt:PreviousSecrets:0" is an element of the array property Jwt:PreviousSecrets.
        var parts = ToConfigurationKey(environmentKey).Split(':');
        return parts.Length >= 2 && readable.Contains($"{parts[0]}:{parts[1]}") && parts.Skip(2).All(p => int.TryParse(p, out _));
    }

    private static string ToConfigurationKey(string environmentKey) => environmentKey.Replace("__", ":");

    // --- reading the files

    private static Dictionary<string, string> Environment(YamlMappingNode service) => service["environment"] switch
    {
        YamlMappingNode map => map.Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString()),
        YamlSequenceNode list => list.Select(n => n.ToString().Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
        var other => throw new FormatException($"Unexpected environment node: {other}"),
    };

    private static List<(string Instruction, string Arguments)> DockerfileInstructions() =>
        File.ReadAllLines(Path.Combine(Root, "Dockerfile"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? p[1].Trim() : ""))
            .ToList();

    /// <summary>${NAME}, ${NAME:?message}, ${NAME:-default}: a value compose takes from the environment or .env.</summary>
    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?-][^}]*)?\}")]
    private static partial Regex ComposeVariable();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Auth.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Auth.sln not found above the test directory.");
    }
}
