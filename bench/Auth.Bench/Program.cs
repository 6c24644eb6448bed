// Times bcrypt verifies with the API's own hasher, engine selection and cost, so bench/run.sh can put logins/s next
// to the bound one core allows: bound = 1 / (time of one verify).
// Usage: Auth.Bench bcrypt --cost 10 --engine Auto --iterations 20
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Auth.Infrastructure.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

if (args.Length == 0 || args[0] != "bcrypt")
{
    Console.Error.WriteLine("usage: Auth.Bench bcrypt [--cost N] [--engine Auto|Native|Managed] [--iterations N]");
    return 2;
}

var cost = 10;
var engineChoice = BcryptEngineChoice.Auto;
var iterations = 20;
for (var i = 1; i < args.Length; i += 2)
{
    var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--cost": cost = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--engine": engineChoice = Enum.Parse<BcryptEngineChoice>(value, ignoreCase: true); break;
        case "--iterations": iterations = int.Parse(value, CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

var engine = BcryptEngines.Select(engineChoice, NullLogger.Instance);
var hasher = new BcryptPasswordHasher(engine, Options.Create(new PasswordOptions { Cost = cost, BcryptEngine = engineChoice }));
const string password = "bench-password-123";
var hash = await hasher.HashAsync(password);

// Two untimed rounds: JIT, page faults, CPU frequency ramp.
for (var i = 0; i < 2; i++)
    Check(await hasher.VerifyAsync(hash, password));

var times = new double[iterations];
for (var i = 0; i < iterations; i++)
{
    var start = Stopwatch.GetTimestamp();
    Check(await hasher.VerifyAsync(hash, password));
    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
Array.Sort(times);
var median = iterations % 2 == 1 ? times[iterations / 2] : (times[iterations / 2 - 1] + times[iterations / 2]) / 2;

Console.WriteLine(JsonSerializer.Serialize(new
{
    engine = hasher.EngineName,
    cost,
    iterations,
    medianMs = Math.Round(median, 3),
    meanMs = Math.Round(times.Average(), 3),
    minMs = Math.Round(times[0], 3),
    boundPerSecond = Math.Round(1000 / median, 2),
}));
return 0;

static void Check(Auth.Core.Abstractions.PasswordVerification result)
{
    if (result != Auth.Core.Abstractions.PasswordVerification.Succeeded)
        throw new InvalidOperationException($"bcrypt verify of the benchmark's own hash answered {result}");
}
