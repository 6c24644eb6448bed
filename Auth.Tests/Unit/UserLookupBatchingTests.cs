using System.Collections.Concurrent;
using Auth.Core.Users;
using Auth.Infrastructure.Persistence.MySql;

namespace Auth.Tests.Unit;

/// <summary>
/// The MySQL lookup batcher's promises, with the statement replaced by an in-memory table that a test can hold in
/// flight: a lookup is always answered by a statement that started after it was queued, a failure reaches only the
/// batch it happened in, and an aborted request leaves the others alone. The same batcher on MariaDB:
/// Persistence/MySqlUserLookupBatcherTests.
/// </summary>
public sealed class UserLookupBatchingTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Plays the database: reads the rows when a statement starts (its snapshot), then waits for the test to let it
    /// answer when <see cref="Hold"/> is on. Records the ids each statement asked for.
    /// </summary>
    private sealed class HeldTable
    {
        public ConcurrentDictionary<long, Role> Roles { get; } = new();
        public ConcurrentQueue<long[]> Statements { get; } = new();
        private volatile bool _hold;
        private volatile Exception? _failNext;
        public bool Hold { get => _hold; set => _hold = value; }
        public Exception? FailNext { get => _failNext; set => _failNext = value; }
        private readonly SemaphoreSlim _started = new(0);
        private readonly SemaphoreSlim _answer = new(0);

        public IEnumerable<User> Read(IReadOnlyList<long> ids)
        {
            Statements.Enqueue(ids.ToArray());
            var snapshot = ids.Where(Roles.ContainsKey).Select(id => new User { Id = id, Username = $"u{id}", Role = Roles[id] }).ToList();
            _started.Release();
            if (Hold)
                Assert.That(_answer.Wait(Soon), Is.True, "the test never let the statement answer");
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }
            return snapshot;
        }

        /// <summary>Waits until a statement has started (and read its snapshot).</summary>
        public async Task StartedAsync() => Assert.That(await _started.WaitAsync(Soon), Is.True, "no statement started");

        public void Answer() => _answer.Release();
    }

    private HeldTable _table = null!;
    private MySqlUserLookupBatcher _batcher = null!;

    [SetUp]
    public void CreateBatcher()
    {
        _table = new HeldTable();
        _batcher = new MySqlUserLookupBatcher(_table.Read);
    }

    [TearDown]
    public void StopBatcher()
    {
        _table.Hold = false;
        _table.Answer();
        _batcher.Dispose();
    }

    /// <summary>Waits until the batcher has taken every queued lookup: the statement that serves them has started.</summary>
    private async Task<User?[]> AfterTheNextStatementAsync(params Task<User?>[] lookups)
    {
        await _table.StartedAsync();
        _table.Answer();
        return await Task.WhenAll(lookups).WaitAsync(Soon);
    }

    [Test]
    public async Task ALookupAlone_IsAnsweredAtOnce_ByAStatementOfOne()
    {
        _table.Roles[7] = Role.User;

        var user = await _batcher.FindByIdAsync(7, CancellationToken.None).WaitAsync(Soon);

        Assert.That(user?.Id, Is.EqualTo(7));
        Assert.That(_table.Statements.Single(), Is.EqualTo(new long[] { 7 }));
    }

    [Test]
    public async Task LookupsQueuedTogether_ShareOneStatement_ByDistinctIds_AtMost64_EachGettingItsOwnRowOrNull()
    {
        for (long id = 1; id <= 100; id++)
            _table.Roles[id] = id % 2 == 0 ? Role.Admin : Role.User;
        _table.Hold = true;
        var first = _batcher.FindByIdAsync(1, CancellationToken.None);
        await _table.StartedAsync(); // statement 1 in flight: everyone below queues behind it

        // ids 1..100, each asked twice in a row, plus 20 unknown ids: 120 distinct ids.
        var ids = Enumerable.Range(1, 100).SelectMany(i => new[] { i, i }).Concat(Enumerable.Range(1001, 20)).Select(i => (long)i).ToList();
        var lookups = ids.Select(id => _batcher.FindByIdAsync(id, CancellationToken.None)).ToList();
        _table.Hold = false; // before statement 1 answers, so the ones after it are not held
        _table.Answer();
        var found = await Task.WhenAll(lookups).WaitAsync(Soon);

        Assert.That((await first)?.Id, Is.EqualTo(1));
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] > 100)
                Assert.That(found[i], Is.Null, $"unknown id {ids[i]}");
            else
                Assert.That((found[i]?.Id, found[i]?.Role), Is.EqualTo((ids[i], _table.Roles[ids[i]])), $"lookup {i}");
        }
        var statements = _table.Statements.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(statements, Has.Count.EqualTo(3), "one for the first lookup, then two for the 120 distinct ids");
            Assert.That(statements.Skip(1).Select(s => s.Length), Has.All.LessThanOrEqualTo(MySqlUserLookupBatcher.MaxBatchSize));
            Assert.That(statements.Skip(1).Select(s => s.Length), Is.EqualTo(new[] { MySqlUserLookupBatcher.MaxBatchSize, 56 }),
                "everyone waiting, up to the bound; a repeated id joins the statement that already asks for it");
            Assert.That(statements, Has.All.Matches<long[]>(s => s.Distinct().Count() == s.Length), "no id twice in a statement");
            Assert.That(statements.Skip(1).SelectMany(s => s), Is.EquivalentTo(ids.Distinct()));
        });
    }

    [Test]
    public async Task ALookupQueuedWhileAStatementIsInFlight_IsNotAnsweredByIt_ButByTheNextOne_AndSeesTheNewRole()
    {
        _table.Roles[5] = Role.User;
        _table.Hold = true;
        var before = _batcher.FindByIdAsync(5, CancellationToken.None);
        await _table.StartedAsync(); // this statement has read role User and has not answered yet

        _table.Roles[5] = Role.Admin; // the admin's UPDATE commits
        var after = _batcher.FindByIdAsync(5, CancellationToken.None); // the next request
        _table.Answer();
        Assert.That((await before.WaitAsync(Soon))?.Role, Is.EqualTo(Role.User), "the statement in flight read the old role");
        Assert.That(after.IsCompleted, Is.False, "the next request must not take the answer of a statement already in flight");

        var answered = await AfterTheNextStatementAsync(after);
        Assert.That(answered[0]?.Role, Is.EqualTo(Role.Admin));
        Assert.That(_table.Statements.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task AFailingStatement_FaultsEveryWaiterInItsBatch_WithItsException_AndTheNextBatchIsServed()
    {
        _table.Roles[1] = Role.User;
        _table.Roles[2] = Role.Admin;
        _table.Hold = true;
        var inFlight = _batcher.FindByIdAsync(1, CancellationToken.None);
        await _table.StartedAsync();
        var outage = new TimeoutException("no connection from the pool");
        var batch = new[] { _batcher.FindByIdAsync(1, CancellationToken.None), _batcher.FindByIdAsync(2, CancellationToken.None) };
        _table.Answer(); // the statement in flight succeeds
        Assert.That((await inFlight.WaitAsync(Soon))?.Id, Is.EqualTo(1));

        _table.FailNext = outage;
        await _table.StartedAsync();
        _table.Answer();
        foreach (var waiter in batch)
            Assert.That(async () => await waiter.WaitAsync(Soon), Throws.Exception.SameAs(outage));

        _table.Hold = false;
        Assert.That((await _batcher.FindByIdAsync(2, CancellationToken.None).WaitAsync(Soon))?.Role, Is.EqualTo(Role.Admin),
            "the loop survives a failed statement");
    }

    /// <summary>
    /// A statement for id 99 held in flight, and behind it lookups of 1 (a User, cancelled by <paramref name="abort"/>)
    /// and 2 (<paramref name="roleOf2"/>), queued for the next statement.
    /// </summary>
    private async Task<(Task<User?> Blocker, Task<User?> Abandoned, Task<User?> Kept)> QueueBehindAHeldStatementAsync(
        CancellationToken abort, Role roleOf2)
    {
        _table.Roles[1] = Role.User;
        _table.Roles[2] = roleOf2;
        _table.Hold = true;
        var blocker = _batcher.FindByIdAsync(99, CancellationToken.None);
        await _table.StartedAsync();
        return (blocker, _batcher.FindByIdAsync(1, abort), _batcher.FindByIdAsync(2, CancellationToken.None));
    }

    [Test]
    public async Task AnAbortedRequest_StopsWaitingAtOnce_AndTheOthersInItsBatchAreStillAnswered()
    {
        using var aborted = new CancellationTokenSource();
        var (blocker, abandoned, kept) = await QueueBehindAHeldStatementAsync(aborted.Token, roleOf2: Role.User);
        aborted.Cancel(); // while the loop is still blocked in the statement before
        Assert.That(async () => await abandoned.WaitAsync(Soon), Throws.InstanceOf<OperationCanceledException>());

        _table.Answer();
        Assert.That(await blocker.WaitAsync(Soon), Is.Null);
        var answered = await AfterTheNextStatementAsync(kept);
        Assert.That(answered[0]?.Id, Is.EqualTo(2));
        Assert.That(_table.Statements.Last(), Is.EqualTo(new long[] { 2 }), "an abandoned lookup is not asked for");
    }

    [Test]
    public async Task AnAbortedRequest_InAStatementInFlight_LeavesTheOthersInThatStatement()
    {
        using var aborted = new CancellationTokenSource();
        var (blocker, abandoned, kept) = await QueueBehindAHeldStatementAsync(aborted.Token, roleOf2: Role.Admin);
        _table.Answer();
        await blocker.WaitAsync(Soon);
        await _table.StartedAsync(); // the statement for 1 and 2 is in flight

        aborted.Cancel();
        Assert.That(async () => await abandoned.WaitAsync(Soon), Throws.InstanceOf<OperationCanceledException>());
        _table.Answer();
        Assert.That((await kept.WaitAsync(Soon))?.Role, Is.EqualTo(Role.Admin));
    }

    [Test]
    public async Task Dispose_LetsTheStatementInFlightAnswer_FailsWhoIsStillQueued_EndsTheThread_AndRefusesNewLookups()
    {
        _table.Roles[1] = Role.User;
        _table.Hold = true;
        var inFlight = _batcher.FindByIdAsync(1, CancellationToken.None);
        await _table.StartedAsync();
        var queued = _batcher.FindByIdAsync(1, CancellationToken.None);

        var disposing = Task.Run(_batcher.Dispose);
        Assert.That(async () => await queued.WaitAsync(Soon), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(disposing.IsCompleted, Is.False, "Dispose waits for the statement in flight");
        _table.Answer();
        await disposing.WaitAsync(Soon);

        Assert.That((await inFlight)?.Id, Is.EqualTo(1));
        Assert.That(_batcher.IsRunning, Is.False);
        Assert.That(async () => await _batcher.FindByIdAsync(1, CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task WhenTheQueueGoesQuiet_ItsConnectionIsGivenBack_AndAgainWhenItStops()
    {
        var quiet = 0;
        using var batcher = new MySqlUserLookupBatcher(_table.Read, () => Interlocked.Increment(ref quiet));
        _table.Roles[3] = Role.User;

        Assert.That((await batcher.FindByIdAsync(3, CancellationToken.None).WaitAsync(Soon))?.Id, Is.EqualTo(3));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref quiet) == 0 && watch.Elapsed < Soon)
            await Task.Delay(50);
        Assert.That(quiet, Is.EqualTo(1), "given back about a second after the last lookup");
        Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.5)), "not after every statement");

        batcher.Dispose();
        Assert.That(quiet, Is.EqualTo(2), "and when the loop ends");
    }

    [Test]
    public void ABatcherThatWasNeverAsked_StartsNoThread_AndDisposesQuietly()
    {
        Assert.That(_batcher.IsRunning, Is.False);
        _batcher.Dispose();
        _batcher.Dispose();
        Assert.That(_batcher.IsRunning, Is.False);
        Assert.That(_table.Statements, Is.Empty);
    }
}
