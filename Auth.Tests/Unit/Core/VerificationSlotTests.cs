using Auth.Core.Auditing;
using Auth.Core.Security;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Auth.Tests.Unit.Core;

/// <summary>
/// Checks of one name in parallel, played against the clock (3 failures lock a name for 5 minutes): a check runs only
/// while it holds one of the name's 3 verification slots, others wait for one, and only a wrong credential counts.
/// Checks are held open by the test, so "in flight" is exact; the clock is a FakeTimeProvider.
/// </summary>
public sealed class VerificationSlotTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private CoreHarness _core = null!;

    [SetUp]
    public void CreateHarness() => _core = new CoreHarness();

    private CredentialThrottle Throttle => new(_core.Throttles, _core.AuditTrail, MsOptions.Create(_core.Lockout), _core.Clock);

    private Task<CredentialCheck> Check(Func<CancellationToken, Task<bool>> check, CancellationToken ct = default) =>
        Throttle.CheckAsync("alice", 7, check, "192.0.2.1", ct);

    /// <summary>A check that runs until the test says how it came out.</summary>
    private (Task<CredentialCheck> Outcome, TaskCompletionSource<bool> Verdict) Held()
    {
        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Check(_ => verdict.Task), verdict);
    }

    private static async Task AssertStillWaiting(Task check)
    {
        await Task.Delay(150); // several of the waiting check's pauses
        Assert.That(check.IsCompleted, Is.False, "still waiting for a slot");
    }

    private static async Task<T> Soon<T>(Task<T> task) => await task.WaitAsync(Patience);

    private Task<Auth.Core.Security.LoginThrottle?> Row => _core.Throttles.GetAsync("ALICE");

    [Test]
    public async Task ARightCredential_WhileEverySlotIsHeld_WaitsForOne_AndPasses()
    {
        var held = Enumerable.Range(0, 3).Select(_ => Held()).ToList();
        Assert.That((await Row)!.Failures, Is.Zero, "checks in flight are not failures");

        var waiting = Check(_ => Task.FromResult(true));
        await AssertStillWaiting(waiting);
        held[0].Verdict.SetResult(true);

        Assert.That(await Soon(waiting), Is.EqualTo(CredentialCheck.Passed));
        foreach (var (outcome, verdict) in held.Skip(1))
        {
            verdict.SetResult(true);
            Assert.That(await Soon(outcome), Is.EqualTo(CredentialCheck.Passed));
        }
        Assert.That((await Row)!.InFlight, Is.Zero, "every slot given back");
    }

    [Test]
    public async Task AFailedCheck_KeepsItsSlotAsAFailure_SoTheWaitingCheckWaitsUntilOnePasses()
    {
        var held = Enumerable.Range(0, 3).Select(_ => Held()).ToList();
        var waiting = Check(_ => Task.FromResult(true));

        held[0].Verdict.SetResult(false);
        Assert.That(await Soon(held[0].Outcome), Is.EqualTo(CredentialCheck.Failed));
        await AssertStillWaiting(waiting); // 1 failure + 2 checks in flight = 3
        held[1].Verdict.SetResult(true);    // a success forgets the failure: 0 + 1 in flight

        Assert.That(await Soon(waiting), Is.EqualTo(CredentialCheck.Passed));
        held[2].Verdict.SetResult(true);
        await Soon(held[2].Outcome);
        Assert.That((await Row)!.Failures, Is.Zero);
    }

    [Test]
    public async Task AWaitingCheck_IsRefused_WhenTheChecksAheadOfItLockTheName()
    {
        var held = Enumerable.Range(0, 3).Select(_ => Held()).ToList();
        var checkedWhileLocked = false;
        var waiting = Check(_ => Task.FromResult(checkedWhileLocked = true));

        foreach (var (_, verdict) in held)
            verdict.SetResult(false);

        var refused = await Soon(waiting);
        Assert.That(refused.Outcome, Is.EqualTo(CredentialCheckOutcome.Locked));
        Assert.That(refused.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(checkedWhileLocked, Is.False);
        Assert.That(_core.AuditOf(AuditEventTypes.LockedOut).Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task AWait_EndsAfterMaxSlotWait_WithATimeout_ThatIsNeitherAFailureNorALock()
    {
        var held = Enumerable.Range(0, 3).Select(_ => Held()).ToList();
        var checkedAtAll = false;
        var waiting = Check(_ => Task.FromResult(checkedAtAll = true));

        _core.Clock.Advance(CredentialThrottle.MaxSlotWait - TimeSpan.FromSeconds(1));
        await AssertStillWaiting(waiting);
        _core.Clock.Advance(TimeSpan.FromSeconds(1));

        var timeout = Assert.ThrowsAsync<VerificationSlotTimeoutException>(() => Soon(waiting));
        Assert.That(timeout, Is.InstanceOf<TimeoutException>(), "answered 503 like any wait that timed out");
        var row = await Row;
        Assert.Multiple(() =>
        {
            Assert.That(checkedAtAll, Is.False);
            Assert.That(row!.Failures, Is.Zero);
            Assert.That(row.LockedUntil, Is.Null);
            Assert.That(row.InFlight, Is.EqualTo(3), "the held checks keep their slots");
            Assert.That(_core.Audit, Is.Empty);
        });
        foreach (var (outcome, verdict) in held)
        {
            verdict.SetResult(true);
            await Soon(outcome);
        }
    }

    [Test]
    public async Task SlotsThatACrashedInstanceNeverGaveBack_AreVoidOnceTheLeaseRunsOut()
    {
        // Another instance took every slot at Start and died.
        for (var i = 0; i < 3; i++)
            Assert.That(await _core.Throttles.TryTakeSlotAsync("ALICE", 3, _core.Clock.GetUtcNow(),
                _core.Clock.GetUtcNow() - _core.Lockout.Duration, _core.Clock.GetUtcNow() - CredentialThrottle.SlotLease), Is.True);
        _core.Clock.Advance(TimeSpan.FromSeconds(25));

        var waiting = Check(_ => Task.FromResult(true));
        _core.Clock.Advance(TimeSpan.FromSeconds(4));
        await AssertStillWaiting(waiting);
        _core.Clock.Advance(TimeSpan.FromSeconds(1)); // 30 s after the crashed instance's newest slot

        Assert.That(await Soon(waiting), Is.EqualTo(CredentialCheck.Passed));
        Assert.That((await Row)!.InFlight, Is.Zero);
    }

    [Test]
    public async Task ACancelledWait_EndsTheCheck_WithoutCountingAnything()
    {
        var held = Enumerable.Range(0, 3).Select(_ => Held()).ToList();
        using var cancel = new CancellationTokenSource();
        var waiting = Check(_ => Task.FromResult(true), cancel.Token);

        await AssertStillWaiting(waiting);
        await cancel.CancelAsync();

        Assert.That(async () => await Soon(waiting), Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await Row)!.InFlight, Is.EqualTo(3));
        Assert.That((await Row)!.Failures, Is.Zero);
        foreach (var (_, verdict) in held)
            verdict.SetResult(true);
    }

    [Test]
    public async Task ACheckThatThrows_GivesItsSlotBack_WithoutCountingAFailure()
    {
        Assert.That(async () => await Check(_ => throw new InvalidOperationException("bcrypt fault")), Throws.InvalidOperationException);

        var row = await Row;
        Assert.That(row!.InFlight, Is.Zero);
        Assert.That(row.Failures, Is.Zero);
    }

    [Test]
    public async Task TwentyParallelWrongGuesses_AtMostMaxFailuresReachTheCheck_TheRestAreRefusedAsLocked()
    {
        var checkedGuesses = 0;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Check(async _ =>
        {
            Interlocked.Increment(ref checkedGuesses);
            await Task.Delay(10);
            return false;
        }))));

        Assert.That(checkedGuesses, Is.LessThanOrEqualTo(3));
        Assert.That(outcomes.Count(o => o.Outcome == CredentialCheckOutcome.Failed), Is.EqualTo(checkedGuesses));
        Assert.That(outcomes.Count(o => o.Outcome == CredentialCheckOutcome.Locked), Is.EqualTo(20 - checkedGuesses));
        Assert.That((await Check(_ => Task.FromResult(true))).Outcome, Is.EqualTo(CredentialCheckOutcome.Locked));
    }
}
