using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Infrastructure.Security;
using Auth.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Tests.Persistence;

/// <summary>
/// Instances that find no key at the same moment end with one, on every backend: the unique generation lets one
/// insert win, and the others read the winner.
/// </summary>
[TestFixture(Backends.Sqlite)]
[TestFixture(Backends.MySql)]
[TestFixture(Backends.PostgreSql)]
public sealed class SigningKeyConvergenceTests(string backend)
{
    private const string Password = "correct horse battery";

    [Test]
    public async Task TwoInstancesStartingTogetherOnAnEmptyDatabase_EndWithOneActiveKey_AndValidateEachOthersTokens()
    {
        if (backend == Backends.MySql)
            _ = TestServers.MySql;
        using var database = TestDatabase.Create(backend);
        using var a = new AuthApiFactory(database);
        using var b = new AuthApiFactory(database);
        var clients = await Task.WhenAll(Task.Run(a.CreateClient), Task.Run(b.CreateClient));
        var (onA, onB) = (clients[0], clients[1]);

        Assert.That(await database.ScalarAsync<long>($"SELECT COUNT(*) FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL"),
            Is.EqualTo(1));
        Assert.That(await database.ScalarAsync<long>($"SELECT COUNT(*) FROM signing_keys"), Is.EqualTo(1), "the loser stored nothing");

        await onA.PostAsJsonAsync("/api/signup", new { username = "alice", password = Password });
        await onB.PostAsJsonAsync("/api/signup", new { username = "bob", password = Password });
        var fromA = await TokenAsync(onA, "alice");
        var fromB = await TokenAsync(onB, "bob");
        Assert.Multiple(async () =>
        {
            Assert.That(await ProfileStatusAsync(onB, fromA), Is.EqualTo(200), "B accepts A's token");
            Assert.That(await ProfileStatusAsync(onA, fromB), Is.EqualTo(200), "A accepts B's token");
        });
    }

    [Test]
    public async Task EightInstancesMakingTheFirstKeyAtOnce_AllSignWithTheOneThatWasStored()
    {
        if (backend == Backends.MySql)
            _ = TestServers.MySql;
        await using var first = await TestStores.CreateAsync(backend);
        var instances = Enumerable.Range(0, 8).Select(_ => TestStores.OnExisting(first.Database)).ToList();
        try
        {
            var rings = instances.Select(i => i.CreateScope().ServiceProvider.GetRequiredService<SigningKeyRing>()).ToList();
            await Task.WhenAll(rings.Select(r => Task.Run(() => r.MaintainAsync(CancellationToken.None))));

            var stored = await first.Database.ColumnAsync($"SELECT kid FROM signing_keys");
            Assert.That(stored, Has.Count.EqualTo(1));
            Assert.That(rings.Select(r => r.Current.Signing!.Kid), Is.All.EqualTo(stored[0]));
            Assert.That(await first.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_events WHERE type = 'key.created'"), Is.EqualTo(1));
        }
        finally
        {
            foreach (var instance in instances)
                await instance.DisposeAsync();
        }
    }

    private static async Task<string> TokenAsync(HttpClient client, string username) =>
        (await (await client.PostAsJsonAsync("/api/authenticate", new { username, password = Password })).JsonAsync(200))
            .GetProperty("token").GetString()!;

    private static async Task<int> ProfileStatusAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (int)(await client.SendAsync(request)).StatusCode;
    }
}
