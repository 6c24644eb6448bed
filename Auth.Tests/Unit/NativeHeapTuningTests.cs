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
        // glibc's default threshold starts at 128 KiB and only grows; 100 KiB is above ours and below its.
        var before = mallinfo2().hblks;
        var block = Marshal.AllocHGlobal(100 * 1024); // malloc on Unix
        try
        {
            Assert.That(mallinfo2().hblks, Is.EqualTo(before + 1), "a 100 KiB block should be an mmap of its own");
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
        Assert.That(mallinfo2().hblks, Is.EqualTo(before), "freeing it should unmap it");
    }

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

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        // Field order of glibc's struct mallinfo2; hblks counts the blocks that are mmaps of their own.
#pragma warning disable CS0649 // filled in by the native call
        public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
#pragma warning restore CS0649
    }

    [DllImport("libc")]
    private static extern MallInfo2 mallinfo2();
}
