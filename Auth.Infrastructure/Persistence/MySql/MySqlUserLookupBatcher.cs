using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Auth.Core.Users;
using Dapper;
using MySql.Data.MySqlClient;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>
/// The per-request account lookup on MySQL/MariaDB, batched: concurrent lookups wait in a queue and one dedicated
/// thread answers everyone waiting with one <c>SELECT ... WHERE id IN (...)</c> (docs/decisions/0007). MySql.Data
/// blocks a thread per round trip whatever we do, so it blocks this one thread instead of one pool thread per request.
/// </summary>
public sealed class MySqlUserLookupBatcher : IDisposable
{
    /// <summary>The most distinct ids one statement asks for; whoever is left waits for the next statement.</summary>
    public const int MaxBatchSize = 64;

    // One fixed text per batch size, so Dapper's per-SQL cache serves the materializer (at most 64 entries).
    private static readonly string[] ByIds = Enumerable.Range(0, MaxBatchSize + 1)
        .Select(n => $"SELECT {MySqlUserRepository.Columns} FROM users WHERE id IN ({string.Join(", ", Enumerable.Range(0, n).Select(i => $"@p{i}"))})")
        .ToArray();

    private static readonly string[] ParameterNames = Enumerable.Range(0, MaxBatchSize).Select(i => $"p{i}").ToArray();

    /// <summary>How long the queue stays empty before the loop gives its connection back to the pool.</summary>
    private static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(1);

    private readonly Func<IReadOnlyList<long>, IEnumerable<User>> _readRows;
    private readonly Action _quiet;
    private readonly BlockingCollection<Lookup> _waiting = new(new ConcurrentQueue<Lookup>());
    private readonly Lock _lifecycle = new();
    private Thread? _loop;

    public MySqlUserLookupBatcher(MySqlConnectionFactory connections) : this(new UsersById(connections))
    {
    }

    private MySqlUserLookupBatcher(UsersById users) : this(users.Read, users.Release)
    {
    }

    /// <summary>For tests: how one batch is read, so they can hold a batch in flight or make it fail.</summary>
    internal MySqlUserLookupBatcher(Func<IReadOnlyList<long>, IEnumerable<User>> readRows, Action? quiet = null)
    {
        _readRows = readRows;
        _quiet = quiet ?? (() => { });
    }

    /// <summary>For tests: whether the lookup thread is alive (it starts with the first lookup and ends with Dispose).</summary>
    internal bool IsRunning => _loop is { IsAlive: true };

    /// <summary>
    /// The account with this id, or null, as read by a statement that starts after this call: a lookup never joins a
    /// statement already in flight, so a change committed before the call is always seen.
    /// </summary>
    public async Task<User?> FindByIdAsync(long id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var lookup = new Lookup(id);
        // An aborted request stops waiting; the batch it was in carries on for the others.
        await using var registration = ct.UnsafeRegister(static (state, token) => ((Lookup)state!).TrySetCanceled(token), lookup);
        Enqueue(lookup);
        return await lookup.Task;
    }

    private void Enqueue(Lookup lookup)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_waiting.IsAddingCompleted, this);
            // Started on the first lookup, not with the host: tools and tests that never look up by id start no thread.
            _loop ??= StartLoop();
            _waiting.Add(lookup);
        }
    }

    private Thread StartLoop()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "MySQL account lookups" };
        thread.Start();
        return thread;
    }

    private void Run()
    {
        var batch = new List<Lookup>(MaxBatchSize);
        var ids = new List<long>(MaxBatchSize);
        try
        {
            Lookup? carried = null;
            while (carried is not null || TakeNext(out carried))
            {
                carried = TakeEveryoneWaiting(carried, batch, ids);
                if (batch.Count > 0)
                    Serve(batch, ids);
                batch.Clear();
                ids.Clear();
            }
        }
        finally
        {
            _quiet();
        }
    }

    /// <summary>Blocks until someone waits; false once Dispose has been called and the queue is empty.</summary>
    private bool TakeNext([NotNullWhen(true)] out Lookup? lookup)
    {
        if (_waiting.TryTake(out lookup, QuietAfter))
            return true;
        _quiet();
        return _waiting.TryTake(out lookup, Timeout.Infinite);
    }

    /// <summary>
    /// Everyone waiting right now, and nobody who arrives after the statement starts. Returns the first lookup whose id
    /// did not fit, which opens the next statement.
    /// </summary>
    private Lookup? TakeEveryoneWaiting(Lookup first, List<Lookup> batch, List<long> ids)
    {
        for (var next = first; next is not null; next = _waiting.TryTake(out var taken) ? taken : null)
        {
            if (next.Task.IsCompleted) // its request was aborted while it waited
                continue;
            if (!ids.Contains(next.Id))
            {
                if (ids.Count == MaxBatchSize)
                    return next;
                ids.Add(next.Id);
            }
            batch.Add(next);
        }
        return null;
    }

    private void Serve(List<Lookup> batch, List<long> ids)
    {
        Dictionary<long, User> rows;
        try
        {
            rows = _readRows(ids).ToDictionary(user => user.Id);
        }
        catch (Exception e)
        {
            // Each waiter rethrows the driver's own exception, so a database that is down still answers 503.
            foreach (var lookup in batch)
                lookup.TrySetException(e);
            return;
        }
        // Waiters for the same id share the row, as they would share an AccountCache entry.
        foreach (var lookup in batch)
            lookup.TrySetResult(rows.GetValueOrDefault(lookup.Id));
    }

    /// <summary>
    /// The statement on a connection the loop keeps while lookups keep coming, which saves the ping MySql.Data sends
    /// on every pooled open. With autocommit each SELECT still reads the latest committed rows.
    /// </summary>
    private sealed class UsersById(MySqlConnectionFactory connections)
    {
        private MySqlConnection? _held;

        public IEnumerable<User> Read(IReadOnlyList<long> ids)
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < ids.Count; i++)
                parameters.Add(ParameterNames[i], ids[i]);
            var sql = ByIds[ids.Count];
            if (_held is { } kept)
            {
                try
                {
                    return kept.Query<User>(sql, parameters);
                }
                catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
                {
                    // The server may have closed it while it sat here: once more on a fresh one, as the pool's ping would.
                    Release();
                }
                catch
                {
                    Release();
                    throw;
                }
            }
            // Synchronous on purpose: MySql.Data's async methods block anyway, and this thread exists to be blocked.
            _held = connections.Open();
            try
            {
                return _held.Query<User>(sql, parameters);
            }
            catch
            {
                Release();
                throw;
            }
        }

        /// <summary>Back to the pool (or closed, if it broke).</summary>
        public void Release()
        {
            _held?.Dispose();
            _held = null;
        }
    }

    /// <summary>Stops the loop after the statement in flight; lookups still queued fail with ObjectDisposedException.</summary>
    public void Dispose()
    {
        Thread? loop;
        lock (_lifecycle)
        {
            if (_waiting.IsAddingCompleted)
                return;
            _waiting.CompleteAdding();
            loop = _loop;
        }
        // Drain first, so the loop finds the queue empty and ends after its current statement.
        var stopped = new ObjectDisposedException(GetType().FullName, "The service is stopping.");
        while (_waiting.TryTake(out var lookup))
            lookup.TrySetException(stopped);
        loop?.Join();
    }

    private sealed class Lookup(long id) : TaskCompletionSource<User?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public long Id { get; } = id;
    }
}
