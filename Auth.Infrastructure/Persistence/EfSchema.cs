using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>EF Core backends: the provider's hand-written migrations.</summary>
public sealed class EfSchemaMigrator(AuthDbContext db) : ISchemaMigrator
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while a signup writes; the file survives restarts either way.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}

/// <summary>EF Core backends: opens a connection and runs the provider's trivial query.</summary>
public sealed class EfDatabaseProbe(AuthDbContext db) : IDatabaseProbe
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
