using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>
/// The production backend: MySQL/MariaDB through Pomelo (MySqlConnector underneath). Times are UTC in
/// <c>datetime(6)</c>; tables are utf8mb4 with binary collation, so comparisons are exact as on SQLite and PostgreSQL
/// (usernames match case-insensitively through <c>normalized_username</c>, which the service upper-cases).
/// </summary>
public sealed class MySqlAuthDbContext(DbContextOptions<MySqlAuthDbContext> options) : AuthDbContext(options)
{
    public override string ForUpdateClause => " FOR UPDATE";

    // The name the previous release's SQL script gave it; kept so migrations that touch the key find it.
    protected override string RefreshTokenUserForeignKey => "fk_refresh_tokens_users_user_id";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    /// <summary>
    /// MySQL has no <c>ON CONFLICT ... RETURNING</c>: the upsert leaves the row locked until commit, so reading it back
    /// in the same transaction sees exactly this failure's count, whatever other instances do meanwhile.
    /// </summary>
    public override async Task<int> RecordLoginFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct)
    {
        await using var transaction = await Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await Database.ExecuteSqlAsync($"""
            INSERT INTO login_throttles (normalized_username, failures, last_failure_at, in_flight)
            VALUES ({normalizedUsername}, 1, {at}, 0)
            ON DUPLICATE KEY UPDATE failures = failures + 1, last_failure_at = VALUES(last_failure_at),
                in_flight = IF(in_flight > 0, in_flight - 1, 0)
            """, ct);
        var failures = await LoginThrottles.AsNoTracking().Where(t => t.NormalizedUsername == normalizedUsername)
            .Select(t => t.Failures).SingleAsync(ct);
        await transaction.CommitAsync(ct);
        return failures;
    }

    /// <summary>
    /// MySQL has no <c>ON CONFLICT DO NOTHING</c>; <c>ON DUPLICATE KEY UPDATE</c> would report a found row as 1 (the
    /// driver's found-rows mode), so <c>INSERT IGNORE</c>, whose duplicate is 0 rows (and whose other downgraded
    /// errors cannot arise for a validated username and two constants).
    /// </summary>
    public override Task<int> InsertLoginThrottleHoldingSlotAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"""
            INSERT IGNORE INTO login_throttles (normalized_username, failures, in_flight, in_flight_since)
            VALUES ({normalizedUsername}, 0, 1, {at})
            """, ct);

    /// <summary>The previous release created its schema from SQL scripts and recorded them in <c>schema_version</c>.</summary>
    public override async Task<bool> HasScriptedSchemaAsync(CancellationToken ct) =>
        await Database.SqlQuery<long>($"""
            SELECT COUNT(*) AS `Value` FROM information_schema.tables
            WHERE table_schema = DATABASE() AND table_name = 'schema_version'
            """).SingleAsync(ct) > 0;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // On each table, not on the database: the service does not own the database's defaults. (Set on the model with
        // DelegationModes.ApplyToTables, Pomelo 9's snapshot loses the delegation and reports a pending change.)
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            modelBuilder.Entity(entity.Name).HasCharSet("utf8mb4").UseCollation("utf8mb4_bin");
    }
}
