using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Applies the provider's generated migrations. EF Core 9 takes a database-wide lock for that, so instances starting
/// together migrate once. First it adopts a database made by the previous release, which has the baseline's tables
/// but recorded them differently: SQLite and PostgreSQL under the old hand-written migration's id, MySQL/MariaDB in
/// its own <c>schema_version</c> table. Adopting only records the baseline as applied; no row is touched.
/// </summary>
public sealed class SchemaMigrator(AuthDbContext db, ILogger<SchemaMigrator> logger) : ISchemaMigrator
{
    /// <summary>The id of the previous release's hand-written SQLite and PostgreSQL migration: the same tables as today's baseline.</summary>
    public const string PreviousBaselineId = "20261122000000_InitialCreate";

    public async Task MigrateAsync(CancellationToken ct)
    {
        await AdoptPreviousReleaseAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while a signup writes; the file survives restarts either way.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    private async Task AdoptPreviousReleaseAsync(CancellationToken ct)
    {
        var baseline = db.Database.GetMigrations().First();
        var history = db.GetService<IHistoryRepository>();
        var sql = db.GetService<ISqlGenerationHelper>();
        // What MigrateAsync does first anyway; idempotent, so instances starting together may all run this.
        await history.CreateIfNotExistsAsync(ct);

        // SQLite and PostgreSQL: the same tables, recorded under the hand-written migration's id.
        var table = sql.DelimitIdentifier(HistoryRepository.DefaultTableName);
        var id = sql.DelimitIdentifier("MigrationId");
        var rename = $"UPDATE {table} SET {id} = {{0}} WHERE {id} = {{1}}"; // EF's identifiers; the ids are parameters
        if (await db.Database.ExecuteSqlRawAsync(rename, [baseline, PreviousBaselineId], ct) > 0)
        {
            logger.LogInformation("Adopted the previous release's schema: migration {Old} is recorded as {Baseline}", PreviousBaselineId, baseline);
            return;
        }

        // MySQL/MariaDB: tables made by SQL scripts, with no migration history at all.
        if (!await db.HasScriptedSchemaAsync(ct) || (await history.GetAppliedMigrationsAsync(ct)).Count > 0)
            return;
        try
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), ct);
            logger.LogInformation("Adopted the previous release's scripted schema (schema_version): recorded as migration {Baseline}", baseline);
        }
        catch (DbException e) when (db.IsUniqueViolation(e))
        {
            // Another instance recorded the same row a moment earlier: the database is adopted either way.
        }
    }
}
