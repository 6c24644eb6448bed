namespace Auth.Api.Hosting;

/// <summary>
/// On one CPU (a one-core container, or a process pinned with taskset) an idle thread-pool worker spins before it
/// sleeps, and with a single CPU every spin is a sched_yield system call: nothing else can run to hand it work while it
/// spins. Under the benchmark's profile load that was about 1.2 yields per request; without the spinning, a quarter as
/// many, and more requests served in the same time (docs/decisions/0008 has the counts).
/// An operator's own setting (DOTNET_ThreadPool_UnfairSemaphoreSpinLimit, or the runtimeconfig property) is left alone.
/// </summary>
public static class SingleCpuThreadPool
{
    public const string SpinLimitSetting = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    /// <summary>Must run before the first work item is queued: the pool reads the setting once, for its first worker.</summary>
    public static void Apply(int processorCount)
    {
        if (processorCount != 1 || AppContext.GetData(SpinLimitSetting) is not null
            || Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") is not null
            || Environment.GetEnvironmentVariable("COMPlus_ThreadPool_UnfairSemaphoreSpinLimit") is not null)
            return;
        AppContext.SetData(SpinLimitSetting, 0);
    }
}
