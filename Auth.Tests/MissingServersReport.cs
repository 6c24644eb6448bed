using Auth.Tests.Support;

namespace Auth.Tests;

/// <summary>
/// At the end of the run, says once per missing server what was skipped and how to run it: `dotnet test` prints each
/// ignored test's name but not why. In the root namespace, so it spans every test in the assembly.
/// </summary>
[SetUpFixture]
public sealed class MissingServersReport
{
    [OneTimeTearDown]
    public void Report()
    {
        var lines = TestServers.MissingServerLines().ToList();
        if (lines.Count == 0)
            return;
        // TestContext.Error reaches the console at dotnet test's default verbosity; Progress and Out do not.
        foreach (var line in lines)
            TestContext.Error.WriteLine(line);
        TestContext.Error.WriteLine(TestServers.HowToRun);
    }
}
