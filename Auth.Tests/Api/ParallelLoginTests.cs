using System.Net;
using System.Net.Http.Json;
using Auth.Core.Abstractions;
using Auth.Core.Security;
using Auth.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Tests.Api;

/// <summary>
/// Many logins of one username at the same instant, as users meet them: right passwords all get in (they may wait for
/// a verification slot, never be told a failure happened), while a burst of guesses still reaches the password check
/// at most Lockout:MaxFailures times. On SQLite with one instance, and with three instances on one MariaDB database
/// (requests spread over them), where only the database can hold the count.
/// </summary>
[TestFixture(Backends.Sqlite, 1)]
[TestFixture(Backends.MySql, 3)]
public sealed class ParallelLoginTests(string backend, int instanceCount)
{
    private const string Password = "correct horse battery";
    private const string WrongPassword = "wrong password";
    private const int MaxFailures = 5; // the default Lockout:MaxFailures

    private TestDatabase _database = null!;
    private readonly List<AuthApiFactory> _factories = [];
    private readonly List<HttpClient> _clients = [];
    private readonly CountingPasswordHasher.Counts _checks = new();

    [OneTimeSetUp]
    public void StartInstancesOnOneDatabase()
    {
        _database = TestDatabase.Create(backend); // MariaDB: ignored (failed in CI) without AUTH_TEST_MYSQL
        for (var i = 0; i < instanceCount; i++)
        {
            var factory = new AuthApiFactory(_database);
            _factories.Add(factory);
            // Every instance's password checks are counted, as bcrypt sees them.
            _clients.Add(factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            {
                var bcrypt = services.Last(d => d.ServiceType == typeof(IPasswordHasher));
                services.AddSingleton<IPasswordHasher>(sp =>
                    new CountingPasswordHasher((IPasswordHasher)bcrypt.ImplementationFactory!(sp), _checks));
            })).CreateClient());
        }
    }

    [OneTimeTearDown]
    public void StopInstances()
    {
        foreach (var client in _clients)
            client.Dispose();
        foreach (var factory in _factories)
            factory.Dispose(); // each disposes the shared database; that is idempotent
        _database?.Dispose();
    }

    private static int _counter;
    private static string NewUsername(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}";

    private HttpClient Instance(int i) => _clients[i % _clients.Count];

    private Task<HttpResponseMessage> AuthenticateAsync(int instance, string username, string password) =>
        Instance(instance).PostAsJsonAsync("/api/authenticate", new { username, password });

    private async Task SignUpAsync(string username) =>
        await (await Instance(0).PostAsJsonAsync("/api/signup", new { username, password = Password })).JsonAsync(201);

    private Task<HttpResponseMessage[]> AllAtOnceAsync(int count, string username, string password) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => AuthenticateAsync(i, username, password))));

    private Task<long> AuditCountAsync(string type, string username, string detail) =>
        _database.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_events WHERE type = {type} AND username = {username} AND detail = {detail}");

    [Test]
    public async Task FiftyParallelLoginsWithTheRightPassword_AllGet200()
    {
        var username = NewUsername("crowd");
        await SignUpAsync(username);
        var checksBefore = _checks.Of(Password);
        _checks.TakeMostRunning();

        var responses = await AllAtOnceAsync(50, username, Password);
        var checkedLogins = _checks.Of(Password) - checksBefore;
        var mostAtOnce = _checks.TakeMostRunning();

        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        TestContext.Out.WriteLine($"{backend} x{instanceCount}: {codes.Count(c => c == 200)} x 200, {codes.Count(c => c == 429)} x 429, " +
                                  $"{checkedLogins} checks of the right password reached bcrypt, at most {mostAtOnce} at once");
        Assert.That(codes, Is.All.EqualTo(200), string.Join(",", codes));
        Assert.That(checkedLogins, Is.EqualTo(50), "each login checked its password once");
        // The logins did contend: they took turns on the name's MaxFailures slots (the others waited).
        Assert.That(mostAtOnce, Is.EqualTo(MaxFailures), "checks of one name running at once");
        Assert.That(await AuditCountAsync("login.failed", username, "locked out"), Is.Zero, "nobody was told a failure happened");
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM login_throttles WHERE normalized_username = {username.ToUpperInvariant()} AND (failures > 0 OR in_flight > 0)"),
            Is.Zero, "no failure counted, every slot given back");
    }

    [Test]
    public async Task TwentyParallelWrongGuesses_ReachThePasswordCheckAtMostMaxFailuresTimes_AndLockTheName()
    {
        var username = NewUsername("guessed");
        await SignUpAsync(username);
        var guessesBefore = _checks.Of(WrongPassword);

        var responses = await AllAtOnceAsync(20, username, WrongPassword);

        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        var checkedGuesses = _checks.Of(WrongPassword) - guessesBefore;
        TestContext.Out.WriteLine($"{backend} x{instanceCount}: {codes.Count(c => c == 401)} x 401, {codes.Count(c => c == 429)} x 429, " +
                                  $"{checkedGuesses} guesses reached bcrypt");
        Assert.Multiple(async () =>
        {
            Assert.That(checkedGuesses, Is.LessThanOrEqualTo(MaxFailures), "guesses that reached bcrypt");
            Assert.That(codes.Count(c => c == 401), Is.EqualTo(checkedGuesses), "each checked guess, and only those, answered 401");
            Assert.That(codes.Count(c => c == 429), Is.EqualTo(20 - checkedGuesses), string.Join(",", codes));
            Assert.That(await AuditCountAsync("login.failed", username, "wrong password"), Is.EqualTo(checkedGuesses));
        });
        // Locked now, for the right password too, on every instance.
        for (var i = 0; i < instanceCount; i++)
            await (await AuthenticateAsync(i, username, Password)).AssertProblemAsync(429);
    }

    [Test]
    public async Task ALoginThatFindsEverySlotHeldForLongerThanTheWait_Gets503_AndNothingIsCounted()
    {
        if (instanceCount > 1)
            Assert.Ignore("One instance is enough: the wait is the same code everywhere.");
        var username = NewUsername("stuck");
        await SignUpAsync(username);
        var clock = _factories[0].Clock;
        // Checks in flight on a crashed instance hold every slot (their lease has not run out).
        await _database.ExecuteAsync($"""
            INSERT INTO login_throttles (normalized_username, failures, in_flight, in_flight_since)
            VALUES ({username.ToUpperInvariant()}, 0, {MaxFailures}, {clock.GetUtcNow()})
            """);

        var login = AuthenticateAsync(0, username, Password);
        // The fake clock moves a second at a time until the login gives up (after 10 s of waiting; the lease is 30 s).
        for (var i = 0; i < 25 && !login.IsCompleted; i++)
        {
            await Task.Delay(200);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var response = await login;
        var busy = await response.AssertProblemAsync(503);
        Assert.That(busy.GetProperty("message").GetString(), Does.StartWith("Too many sign-ins of this account are being checked at once."));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.Not.Null);
        Assert.That(await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_events WHERE username = {username} AND type LIKE {"login.%"}"),
            Is.Zero, "neither a failure nor a lockout");
        Assert.That(await _database.ScalarAsync<long>($"SELECT failures FROM login_throttles WHERE normalized_username = {username.ToUpperInvariant()}"), Is.Zero);

        // Once the lease has run out, the slots of the crashed instance are void and the right password gets in.
        clock.Advance(CredentialThrottle.SlotLease);
        await (await AuthenticateAsync(0, username, Password)).JsonAsync(200);
    }
}

/// <summary>
/// Counts the password checks that reach bcrypt, per password tried, and the most running at once. Each check is held
/// 20 ms longer: at the tests' bcrypt cost (4) a check takes about a millisecond, at production cost 50 to 250 ms, and
/// parallel logins only contend for the slots when their checks overlap as they do in production.
/// </summary>
internal sealed class CountingPasswordHasher(IPasswordHasher inner, CountingPasswordHasher.Counts counts) : IPasswordHasher
{
    public sealed class Counts
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byPassword = new();
        private int _running;
        private int _mostRunning;

        public void Start(string password)
        {
            _byPassword.AddOrUpdate(password, 1, (_, n) => n + 1);
            var running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _mostRunning)) && Interlocked.CompareExchange(ref _mostRunning, running, most) != most) { }
        }

        public void End() => Interlocked.Decrement(ref _running);

        public int Of(string password) => _byPassword.GetValueOrDefault(password);

        /// <summary>The most checks running at once since the last call (which resets it).</summary>
        public int TakeMostRunning() => Interlocked.Exchange(ref _mostRunning, 0);
    }

    public Task<string> HashAsync(string password, CancellationToken ct = default) => inner.HashAsync(password, ct);

    public async Task<PasswordVerification> VerifyAsync(string? passwordHash, string password, CancellationToken ct = default)
    {
        counts.Start(password);
        try
        {
            await Task.Delay(20, ct);
            return await inner.VerifyAsync(passwordHash, password, ct);
        }
        finally
        {
            counts.End();
        }
    }
}
