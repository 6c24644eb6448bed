using System.Runtime.InteropServices;
using Auth.Infrastructure.Hosting;

namespace Auth.Tests.Unit;

public sealed class NativeHeapTuningTests
{
    [Test]
    public void OnGlibc_LargeBlocksAreMappedOnTheirOwn_SoFreeingThemGivesTheMemoryBack()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("mallopt is glibc's; elsewhere the tuning does nothing.");

        var outcome = NativeHeapTuning.Apply(_ => null);

        Assert.That(outcome, Is.EqualTo("glibc malloc: at most 2 arenas, blocks of 64 KiB or more mapped on their own"));
        // glibc's default threshold starts at 128 KiB and only grows; 100 KiB is above ours and below its. Even above
        // the threshold, glibc first serves a block from free memory its arena already holds, and this process's
        // other threads (the JIT's, the test hosts') use the arenas too. So the test holds 25 MiB of 100 KiB blocks,
        // more than the arenas keep free, and checks the blocks themselves rather than process-wide counters. With
        // glibc's defaults, none of them is an mmap of its own: the arena grows instead.
        var blocks = new List<nint>();
        try
        {
            for (var i = 0; i < 256; i++)
                blocks.Add(Marshal.AllocHGlobal(100 * 1024)); // malloc on Unix
            var mapped = blocks.Where(IsMmapped).ToList();
            Assert.That(mapped, Is.Not.Empty, "100 KiB blocks beyond the arenas' free memory should be mmaps of their own");

            var firstPage = mapped[0] & ~(nint)(Environment.SystemPageSize - 1);
            Assert.That(IsMapped(firstPage), Is.True);
            blocks.Remove(mapped[0]);
            Marshal.FreeHGlobal(mapped[0]);
            Assert.That(IsMapped(firstPage), Is.False, "freeing such a block should unmap it");
        }
        finally
        {
            blocks.ForEach(Marshal.FreeHGlobal);
        }
    }

    /// <summary>glibc keeps a chunk's size just before the pointer it returns; bit 1 (IS_MMAPPED) marks an mmap of its own.</summary>
    private static bool IsMmapped(nint block) => (Marshal.ReadIntPtr(block - IntPtr.Size) & 0x2) != 0;

    /// <summary>mincore fails with ENOMEM for a page that is not mapped.</summary>
    private static bool IsMapped(nint page) => mincore(page, 1, new byte[1]) == 0;

    [TestCase("MALLOC_ARENA_MAX")]
    [TestCase("MALLOC_MMAP_THRESHOLD_")]
    [TestCase("GLIBC_TUNABLES")]
    public void AnOperatorsOwnSetting_IsLeftAlone(string variable)
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("mallopt is glibc's; elsewhere the tuning does nothing.");

        var outcome = NativeHeapTuning.Apply(name => name == variable ? "4" : null);

        Assert.That(outcome, Is.EqualTo($"{variable} is set: malloc left to the operator's settings"));
    }

    [DllImport("libc")]
    private static extern int mincore(nint addr, nuint length, byte[] vec);
}
