using Auth.Infrastructure.Security;

namespace Auth.Tests.Unit;

/// <summary>bcrypt work waits its turn for a core instead of being time-sliced against other hashes.</summary>
public sealed class BcryptWorkersTests
{
    private static BcryptWorkers Workers => BcryptWorkers.Shared;

    [Test]
    public async Task ManyHashesAtOnce_NeverRunMoreAtATimeThanTheProcessHasCores()
    {
        var running = 0;
        var most = 0;
        var tasks = Enumerable.Range(0, 4 * Environment.ProcessorCount + 4).Select(i => Workers.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(15);
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None)).ToArray();

        var results = await Task.WhenAll(tasks);

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, tasks.Length)), "each caller gets its own result");
        Assert.That(most, Is.EqualTo(Environment.ProcessorCount), "one hash per core, all cores used");
    }

    [Test]
    public async Task AnExceptionInTheWork_ReachesItsCaller_AndTheWorkersCarryOn()
    {
        await Assert.ThatAsync(() => Workers.RunAsync<int>(() => throw new ArgumentException("bad input"), CancellationToken.None),
            Throws.ArgumentException.With.Message.EqualTo("bad input"));
        Assert.That(await Workers.RunAsync(() => 42, CancellationToken.None), Is.EqualTo(42));
    }

    [Test]
    public async Task ACallerThatGoesAwayBeforeItsTurn_CostsNoWork()
    {
        // Occupy every worker so the next item has to queue.
        using var release = new ManualResetEventSlim();
        var blockers = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(_ => Workers.RunAsync(() => release.Wait(TimeSpan.FromSeconds(10)), CancellationToken.None)).ToArray();
        using var gone = new CancellationTokenSource();
        var ran = false;
        var queued = Workers.RunAsync(() => ran = true, gone.Token);

        gone.Cancel();
        release.Set();
        await Task.WhenAll(blockers);

        await Assert.ThatAsync(() => queued, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(ran, Is.False);
    }

    [Test]
    public async Task TheCallerContinues_OffTheBcryptThreads()
    {
        await Workers.RunAsync(() => 0, CancellationToken.None);
        Assert.That(Thread.CurrentThread.Name ?? "", Does.Not.StartWith("bcrypt-"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
