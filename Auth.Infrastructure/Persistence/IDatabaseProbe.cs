namespace Auth.Infrastructure.Persistence;

/// <summary>The cheapest round trip that proves the database answers now (the readiness probe).</summary>
public interface IDatabaseProbe
{
    /// <summary>Completes when the database answered; throws the driver's exception when it did not.</summary>
    Task PingAsync(CancellationToken ct);
}
