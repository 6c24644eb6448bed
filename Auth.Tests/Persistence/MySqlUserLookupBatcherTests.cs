using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Core.Abstractions;
using Auth.Core.Users;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Persistence.MySql;
using Auth.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySql.Data.MySqlClient;

namespace Auth.Tests.Persistence;

/// <summary>
/// The batched per-request lookup on a real MariaDB, composed as the service composes it: concurrent lookups get their
/// own rows from shared IN (...) statements, a role changed in the database is seen by the next lookup even under load,
/// and a failing statement faults only its batch. The promises one by one, with a held statement:
/// Unit/UserLookupBatchingTests.
/// </summary>
public sealed class MySqlUserLookupBatcherTests() : StoresFixture(Backends.MySql)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    private IUserRepository Users => Resolve<IUserRepository>();
    private MySqlTestDatabase Database => (MySqlTestDatabase)Stores.Database;

    private async Task<List<User>> AddUsersAsync(int count)
    {
        var users = new List<User>();
        for (var i = 0; i < count; i++)
        {
            var user = new User
            {
                Username = $"batch{i}", NormalizedUsername = $"BATCH{i}", PasswordHash = $"$2b$04$hash{i}",
                Role = (Role)(1 << (i % 3)), // guest, user, admin in turn
                CreatedAt = DateTimeOffset.UnixEpoch.AddDays(i),
            };
            Assert.That(await Users.TryAddAsync(user), Is.True);
            users.Add(user);
        }
        return users;
    }

    private static void AssertSameRow(User? found, User expected, string what)
    {
        Assert.That(found, Is.Not.Null, what);
        Assert.That((found!.Id, found.Username, found.NormalizedUsername, found.PasswordHash, found.Role, found.CreatedAt),
            Is.EqualTo((expected.Id, expected.Username, expected.NormalizedUsername, expected.PasswordHash, expected.Role, expected.CreatedAt)),
            what);
    }

    /// <summary>A session of its own that holds a write lock on users, so the next lookup statement waits in flight.</summary>
    private static async Task<MySqlConnection> LockUsersAsync(TestDatabase database)
    {
        var session = (MySqlConnection)database.CreateConnection();
        await session.OpenAsync();
        await using var command = new MySqlCommand("LOCK TABLES users WRITE", session);
        await command.ExecuteNonQueryAsync();
        return session;
    }

    /// <summary>Waits until the batcher's statement is on the server, waiting for the lock.</summary>
    private static async Task WaitUntilALookupStatementWaitsAsync(TestDatabase database)
    {
        var watch = Stopwatch.StartNew();
        while (await database.ScalarAsync<int>($"""
                   SELECT COUNT(*) FROM information_schema.processlist
                   WHERE db = DATABASE() AND id <> CONNECTION_ID() AND info LIKE '%FROM users WHERE id IN (%'
                   """) == 0)
        {
            Assert.That(watch.Elapsed, Is.LessThan(Soon), "the lookup statement never reached the server");
            await Task.Delay(20);
        }
    }

    private static async Task<long> SelectsSoFarAsync()
    {
        await using var connection = new MySqlConnection(TestServers.MySql);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SHOW GLOBAL STATUS LIKE 'Com_select'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        return Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task ManyConcurrentLookups_EachGetTheirOwnRow_AndUnknownIdsGetNull()
    {
        var users = await AddUsersAsync(150);
        var unknown = Enumerable.Range(1, 50).Select(i => users[^1].Id + i).ToList();
        // Every id three times, from many threads at once, in no particular order.
        var asked = users.Select(u => u.Id).SelectMany(id => new[] { id, id, id }).Concat(unknown).OrderBy(_ => Random.Shared.Next()).ToList();

        var found = await Task.WhenAll(asked.Select(id => Task.Run(() => Users.FindByIdAsync(id)))).WaitAsync(Soon);

        var byId = users.ToDictionary(u => u.Id);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < asked.Count; i++)
            {
                if (byId.TryGetValue(asked[i], out var expected))
                    AssertSameRow(found[i], expected, $"lookup {i} of id {asked[i]}");
                else
                    Assert.That(found[i], Is.Null, $"lookup {i} of unknown id {asked[i]}");
            }
        });
    }

    [Test]
    public async Task LookupsQueuedBehindAStatementInFlight_AreAnsweredTogether_By64IdsPerStatement()
    {
        var users = await AddUsersAsync(100);
        // Each id twice in a row (two requests of one user), then an unknown id: 101 distinct ids.
        var asked = users.SelectMany(u => new[] { u.Id, u.Id }).Append(users[^1].Id + 1).ToList();
        User? first;
        List<Task<User?>> queued;
        long selectsBefore;
        await using (var session = await LockUsersAsync(Database))
        {
            var inFlight = Users.FindByIdAsync(users[0].Id);
            await WaitUntilALookupStatementWaitsAsync(Database);
            queued = asked.Select(id => Users.FindByIdAsync(id)).ToList();
            selectsBefore = await SelectsSoFarAsync();
            await using var unlock = new MySqlCommand("UNLOCK TABLES", session);
            await unlock.ExecuteNonQueryAsync();
            first = await inFlight.WaitAsync(Soon);
        }

        var found = await Task.WhenAll(queued).WaitAsync(Soon);
        var statements = await SelectsSoFarAsync() - selectsBefore;

        AssertSameRow(first, users[0], "the lookup in flight");
        for (var i = 0; i < asked.Count; i++)
        {
            if (i < 200)
                AssertSameRow(found[i], users[i / 2], $"lookup {i}");
            else
                Assert.That(found[i], Is.Null, "the unknown id");
        }
        Assert.That(statements, Is.EqualTo(2), "101 distinct ids waiting: one statement of 64 and one of 37");
    }

    [Test]
    public async Task ARoleChangedInTheDatabase_IsSeenByTheNextLookup_WhileOtherLookupsAreInFlight()
    {
        var users = await AddUsersAsync(40);
        var target = users[0];
        using var stop = new CancellationTokenSource();
        var others = users.Skip(1).Select(u => u.Id).ToList();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var lookups = 0;
            for (var i = worker; !stop.IsCancellationRequested; i++, lookups++)
            {
                // The target too: some statements in flight hold its old role when it changes.
                var id = i % 5 == 0 ? target.Id : others[i % others.Count];
                Assert.That(await Users.FindByIdAsync(id), Is.Not.Null);
            }
            return lookups;
        })).ToList();

        try
        {
            var roles = new[] { Role.Admin, Role.Guest, Role.User | Role.Admin, Role.User };
            for (var change = 0; change < 40; change++)
            {
                var role = roles[change % roles.Length];
                // The admin at a SQL prompt; once the UPDATE has returned, it is committed.
                await Database.ExecuteAsync($"UPDATE users SET role = {(int)role} WHERE id = {target.Id}");
                var next = await Users.FindByIdAsync(target.Id).WaitAsync(Soon);
                Assert.That(next?.Role, Is.EqualTo(role), $"change {change}: the next lookup after the UPDATE");
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
        var lookupsUnderLoad = await Task.WhenAll(load).WaitAsync(Soon);
        Assert.That(lookupsUnderLoad, Has.All.GreaterThan(0), "every worker kept lookups in flight");
    }

    [Test]
    public async Task AFailingStatement_FaultsItsWaitersWithTheDriversException_AndTheNextLookupAfterRepairWorks()
    {
        var users = await AddUsersAsync(3);
        await Database.ExecuteAsync($"RENAME TABLE users TO users_away");
        try
        {
            var failing = users.Select(u => Users.FindByIdAsync(u.Id)).ToList();
            foreach (var lookup in failing)
            {
                var error = Assert.CatchAsync<MySqlException>(async () => await lookup.WaitAsync(Soon));
                Assert.That(error?.Number, Is.EqualTo(1146), "table doesn't exist");
            }
        }
        finally
        {
            await Database.ExecuteAsync($"RENAME TABLE users_away TO users");
        }

        AssertSameRow(await Users.FindByIdAsync(users[1].Id).WaitAsync(Soon), users[1], "after the table is back");
    }

    [Test]
    public async Task AConnectionTheServerClosedBetweenBatches_IsReplaced_AndTheLookupIsAnswered()
    {
        var users = await AddUsersAsync(2);
        AssertSameRow(await Users.FindByIdAsync(users[0].Id), users[0], "the loop now keeps its connection");

        // What wait_timeout or an operator's KILL does to a connection that sat idle.
        var sessions = await Database.ColumnAsync($"SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()");
        Assert.That(sessions, Is.Not.Empty);
        foreach (var session in sessions)
            await Database.ExecuteAsync(System.Runtime.CompilerServices.FormattableStringFactory.Create($"KILL {long.Parse(session)}"));

        AssertSameRow(await Users.FindByIdAsync(users[1].Id).WaitAsync(Soon), users[1], "after its connection was killed");
    }

    [Test]
    [Category("Outage")]
    [NonParallelizable]
    public async Task WhileMariaDbIsDown_LookupsFailAsUnavailable_AndTheNextLookupAfterItReturnsWorks()
    {
        var users = await AddUsersAsync(2);
        AssertSameRow(await Users.FindByIdAsync(users[0].Id), users[0], "before the outage");

        try
        {
            await MariaDbServer.StopAsync();
            var failing = users.Select(u => Users.FindByIdAsync(u.Id)).ToList();
            foreach (var lookup in failing)
            {
                var error = Assert.CatchAsync(async () => await lookup.WaitAsync(Soon));
                Assert.That(DatabaseFaults.IsUnavailable(error!), Is.True, $"answered 503: {error}");
            }
        }
        finally
        {
            await MariaDbServer.StartAsync();
        }

        AssertSameRow(await Users.FindByIdAsync(users[1].Id).WaitAsync(Soon), users[1], "after the outage");
    }

    [Test]
    public async Task DisposingTheServices_EndsTheLookupThread()
    {
        var stores = await TestStores.CreateAsync(Backends.MySql);
        MySqlUserLookupBatcher batcher;
        await using (var scope = stores.CreateScope())
        {
            batcher = scope.ServiceProvider.GetRequiredService<MySqlUserLookupBatcher>();
            Assert.That(batcher.IsRunning, Is.False, "no lookup yet, no thread");
            Assert.That(await scope.ServiceProvider.GetRequiredService<IUserRepository>().FindByIdAsync(1), Is.Null);
            Assert.That(batcher.IsRunning, Is.True);
        }

        await stores.DisposeAsync();

        Assert.That(batcher.IsRunning, Is.False);
    }

    [Test]
    public async Task AClientThatLeavesWhileItsLookupWaits_IsNoErrorInTheLog_AndTheOthersAreServed()
    {
        using var app = new AuthApiFactory(Backends.MySql) { Logs = new CapturedLogs(everyCategory: true) };
        using var client = app.CreateClient();
        var token = await SignedInTokenAsync(client);

        using var leaving = new CancellationTokenSource();
        Task<HttpResponseMessage> abandoned, staying;
        await using (var session = await LockUsersAsync(app.Database))
        {
            abandoned = client.SendAsync(ProfileRequest(token), leaving.Token);
            await WaitUntilALookupStatementWaitsAsync(app.Database);
            staying = client.SendAsync(ProfileRequest(token));
            await leaving.CancelAsync();
            Assert.That(async () => await abandoned.WaitAsync(Soon), Throws.InstanceOf<OperationCanceledException>());
            await using var unlock = new MySqlCommand("UNLOCK TABLES", session);
            await unlock.ExecuteNonQueryAsync();
        }

        await (await staying.WaitAsync(Soon)).JsonAsync(200);
        await (await client.SendAsync(ProfileRequest(token))).JsonAsync(200);
        var errors = app.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.AllText);
        Assert.That(errors, Is.Empty, "a client that went away is not a server error");
    }

    private static async Task<string> SignedInTokenAsync(HttpClient client)
    {
        var credentials = new { username = $"batch_{Guid.NewGuid().ToString("N")[..8]}", password = "correct horse battery" };
        await (await client.PostAsJsonAsync("/api/signup", credentials)).JsonAsync(201);
        return (await (await client.PostAsJsonAsync("/api/authenticate", credentials)).JsonAsync(200)).GetProperty("token").GetString()!;
    }

    private static HttpRequestMessage ProfileRequest(string token) =>
        new(HttpMethod.Get, "/api/profile") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    [Test]
    public async Task StoppingAnApiHost_EndsItsLookupThread()
    {
        MySqlUserLookupBatcher batcher;
        using (var app = new AuthApiFactory(Backends.MySql))
        {
            using var client = app.CreateClient();
            await (await client.SendAsync(ProfileRequest(await SignedInTokenAsync(client)))).JsonAsync(200);
            batcher = app.Services.GetRequiredService<MySqlUserLookupBatcher>();
            Assert.That(batcher.IsRunning, Is.True);
        }

        Assert.That(batcher.IsRunning, Is.False, "the host's services were disposed with it");
    }
}
