namespace Auth.Tests.Support;

/// <summary>
/// For what the app does in the background after a test moves its fake clock (key maintenance): waits, in real time,
/// until the condition holds, and fails with the message when it never does.
/// </summary>
public static class Eventually
{
    public static async Task ThatAsync(Func<Task<bool>> condition, string message, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{message} (not within {seconds} s)");
            await Task.Delay(50);
        }
    }
}
