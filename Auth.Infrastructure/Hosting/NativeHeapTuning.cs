using System.Runtime.InteropServices;

namespace Auth.Infrastructure.Hosting;

/// <summary>
/// glibc's malloc serves the runtime's own native allocations, most of them the JIT's while it compiles and
/// recompiles the request paths in the first minute under load. By default malloc gives threads their own arenas
/// (up to eight per CPU) and keeps freed memory in them, so each compiling thread leaves a few MiB behind: in
/// bench/run.sh's load sequence the arenas grew to 19-20 MiB with 9 MiB of it free. With at most two arenas, and
/// blocks of 64 KiB or more mapped on their own (and unmapped when freed) whenever the arena's free memory cannot
/// hold them, rather than growing the arena, the arenas end at 7-8 MiB with under 2 MiB free, plus ~5 MiB of such
/// blocks in use (docs/decisions/0011). Nothing else changes: the service's own objects live in the GC heap.
/// An operator's own settings (MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_, GLIBC_TUNABLES) are left alone, and on a
/// libc without mallopt (musl, macOS, Windows) this does nothing.
/// </summary>
public static partial class NativeHeapTuning
{
    public const int ArenaMax = 2;
    public const int MmapThresholdBytes = 64 * 1024;

    // <malloc.h>
    private const int M_MMAP_THRESHOLD = -3;
    private const int M_ARENA_MAX = -8;

    private static readonly string[] OperatorSettings = ["MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES"];

    /// <summary>
    /// Call first thing in Main. The arena cap takes effect as long as fewer than eight arenas exist, which holds
    /// before the host starts its threads. Returns what was done, for the start-up log.
    /// </summary>
    public static string Apply() => Apply(Environment.GetEnvironmentVariable);

    /// <param name="environment">Reads an environment variable (the tests pass their own).</param>
    public static string Apply(Func<string, string?> environment)
    {
        if (!OperatingSystem.IsLinux())
            return "not Linux: malloc left as it is";
        if (OperatorSettings.FirstOrDefault(v => environment(v) is not null) is { } set)
            return $"{set} is set: malloc left to the operator's settings";
        try
        {
            var applied = mallopt(M_ARENA_MAX, ArenaMax) == 1 && mallopt(M_MMAP_THRESHOLD, MmapThresholdBytes) == 1;
            return applied
                ? $"glibc malloc: at most {ArenaMax} arenas, blocks of {MmapThresholdBytes / 1024} KiB or more mapped on their own"
                : "mallopt refused the settings: malloc left as it is";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "no glibc mallopt (another libc): malloc left as it is";
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
