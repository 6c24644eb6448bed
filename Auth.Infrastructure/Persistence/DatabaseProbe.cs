using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>Opens a connection and runs the cheapest query (the readiness probe).</summary>
public sealed class DatabaseProbe(AuthDbContext db) : IDatabaseProbe
{
    public async Task PingAsync(CancellationToken ct)
    {
        // CanConnectAsync would hide the reason; let the driver's exception say why.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
