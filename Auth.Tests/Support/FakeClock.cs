namespace Auth.Tests.Support;

/// <summary>A TimeProvider that only moves when told (Microsoft.Extensions.TimeProvider.Testing is not in our feed).</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public static FakeClock StartingNow() => new(DateTimeOffset.UtcNow);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
