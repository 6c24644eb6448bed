using System.Collections.Concurrent;

namespace Auth.Infrastructure.Security;

/// <summary>
/// Runs bcrypt work on a fixed set of dedicated threads, one per core this process may use, in arrival order.
/// bcrypt is pure CPU: with 16 logins on one core as 16 thread-pool threads, the kernel time-slices them and every
/// switch refills the caches with another hash's 4 KB S-boxes; bench/run.sh measured a verify at 59.6 ms under that
/// load against 51.5 ms alone (and 16 processes on one core at 133 ms each). Queued here, each hash runs alone on its
/// core and thread-pool threads stay free for requests. The cores belong to the process, so one set serves every
/// hasher in it.
/// </summary>
public sealed class BcryptWorkers
{
    private static readonly Lazy<BcryptWorkers> ProcessWide = new(() => new BcryptWorkers(Environment.ProcessorCount));

    private readonly BlockingCollection<WorkItem> _queue = new();

    /// <summary>One worker per core the process may run on (affinity and container CPU limits included).</summary>
    public static BcryptWorkers Shared => ProcessWide.Value;

    private BcryptWorkers(int threads)
    {
        for (var i = 0; i < threads; i++)
            new Thread(Work) { IsBackground = true, Name = $"bcrypt-{i}" }.Start();
    }

    /// <summary>Runs <paramref name="work"/> on a bcrypt thread; a request that goes away before its turn costs nothing.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
            return Task.FromCanceled<T>(ct);
        var item = new WorkItem<T>(work, ct);
        _queue.Add(item);
        return item.Task;
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
            item.Execute();
    }

    private abstract class WorkItem
    {
        public abstract void Execute();
    }

    private sealed class WorkItem<T>(Func<T> work, CancellationToken ct) : WorkItem
    {
        // Continuations run on the thread pool, never on (and never delaying) a bcrypt thread.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        public override void Execute()
        {
            if (ct.IsCancellationRequested)
            {
                _completion.TrySetCanceled(ct);
                return;
            }
            try
            {
                _completion.TrySetResult(work());
            }
            catch (Exception e)
            {
                _completion.TrySetException(e);
            }
        }
    }
}
