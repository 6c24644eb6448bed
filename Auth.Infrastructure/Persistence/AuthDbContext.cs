using System.Data.Common;
using Auth.Core.Auditing;
using Auth.Core.Security;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// The EF Core model, shared by every EF provider. Each provider has its own subclass so that it keeps its own
/// migrations (their snapshots carry provider column types). Names are snake_case and identical on every backend,
/// so an admin's SQL works everywhere.
/// </summary>
public abstract class AuthDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The foreign key's name as the previous releases created it on SQLite and PostgreSQL.</summary>
    protected virtual string RefreshTokenUserForeignKey => "FK_refresh_tokens_users_user_id";

    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    /// <summary>True when a statement failed on a unique index (the provider's own error code).</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// The clause that makes a SELECT lock the rows it reads until the transaction ends: <c> FOR UPDATE</c> where the
    /// provider has row locks, empty on SQLite, whose transactions begin IMMEDIATE and so hold the database's one
    /// write lock from their first statement.
    /// </summary>
    public virtual string ForUpdateClause => "";

    /// <summary>
    /// Inserts one row (its generated id is set on the entity) and leaves nothing tracked, so the stores hold no state
    /// between calls and an insert that failed (a unique violation) is not tried again by a later save in the same scope.
    /// </summary>
    public async Task InsertAsync<TEntity>(TEntity entity, CancellationToken ct) where TEntity : class
    {
        var entry = Add(entity);
        try
        {
            await SaveChangesAsync(ct);
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Counts one failed check and gives back the verification slot it held, in one atomic upsert, and returns the new
    /// count, so failures arriving at several instances at once all count. SQLite and PostgreSQL share
    /// <c>ON CONFLICT ... RETURNING</c>.
    /// </summary>
    public virtual async Task<int> RecordLoginFailureAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct)
    {
        var counts = await Database.SqlQuery<int>($"""
            INSERT INTO login_throttles (normalized_username, failures, last_failure_at, in_flight)
            VALUES ({normalizedUsername}, 1, {at}, 0)
            ON CONFLICT (normalized_username)
            DO UPDATE SET failures = login_throttles.failures + 1, last_failure_at = excluded.last_failure_at,
                in_flight = CASE WHEN login_throttles.in_flight > 0 THEN login_throttles.in_flight - 1 ELSE 0 END
            RETURNING failures AS "Value"
            """).ToListAsync(ct);
        return counts.Single();
    }

    /// <summary>
    /// Takes a verification slot on an existing row in one conditional UPDATE (1 row: taken). Plain SQL rather than
    /// ExecuteUpdateAsync because EF's SQLite provider cannot compare <c>DateTimeOffset</c> columns; SQLite stores them
    /// as ISO text, which orders like the instants as long as every value is UTC (TimeProvider.GetUtcNow). The
    /// assignments are in this order because MySQL evaluates them left to right on the updated values.
    /// </summary>
    public Task<int> TakeLoginSlotAsync(string normalizedUsername, int maxChecks, DateTimeOffset at,
        DateTimeOffset failuresSince, DateTimeOffset slotsSince, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"""
            UPDATE login_throttles
            SET in_flight = CASE WHEN in_flight_since > {slotsSince} THEN in_flight ELSE 0 END + 1,
                failures = CASE WHEN last_failure_at > {failuresSince} THEN failures ELSE 0 END,
                in_flight_since = CASE WHEN in_flight_since > {at} THEN in_flight_since ELSE {at} END
            WHERE normalized_username = {normalizedUsername}
              AND (locked_until IS NULL OR locked_until <= {at})
              AND CASE WHEN last_failure_at > {failuresSince} THEN failures ELSE 0 END
                + CASE WHEN in_flight_since > {slotsSince} THEN in_flight ELSE 0 END < {maxChecks}
            """, ct);

    /// <summary>
    /// Creates the username's row holding one slot, unless the row exists (0 rows: it did; a new row has no failures,
    /// so its first slot is always free).
    /// </summary>
    public virtual Task<int> InsertLoginThrottleHoldingSlotAsync(string normalizedUsername, DateTimeOffset at, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"""
            INSERT INTO login_throttles (normalized_username, failures, in_flight, in_flight_since)
            VALUES ({normalizedUsername}, 0, 1, {at})
            ON CONFLICT (normalized_username) DO NOTHING
            """, ct);

    /// <summary>
    /// True when the database holds the previous release's schema without an EF migration history (MySQL/MariaDB,
    /// whose schema came from SQL scripts recorded in <c>schema_version</c>); see <see cref="SchemaMigrator"/>.
    /// </summary>
    public virtual Task<bool> HasScriptedSchemaAsync(CancellationToken ct) => Task.FromResult(false);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(e =>
        {
            // An admin may write users.status in SQL, as users.role; anything but the two names is refused.
            e.ToTable("users", t => t.HasCheckConstraint("ck_users_status", "status IN ('active', 'disabled')"));
            e.HasKey(u => u.Id);
            e.Property(u => u.Id).HasColumnName("id");
            e.Property(u => u.Username).HasColumnName("username").HasMaxLength(32).IsRequired();
            e.Property(u => u.NormalizedUsername).HasColumnName("normalized_username").HasMaxLength(32).IsRequired();
            e.Property(u => u.PasswordHash).HasColumnName("password_hash").HasMaxLength(100).IsRequired();
            e.Property(u => u.Role).HasColumnName("role");
            e.Property(u => u.CreatedAt).HasColumnName("created_at");
            e.Property(u => u.Status).HasColumnName("status").HasMaxLength(16).HasDefaultValueSql("'active'")
                .HasConversion(v => v == AccountStatus.Disabled ? AccountStatuses.Disabled : AccountStatuses.Active,
                    v => v == AccountStatuses.Disabled ? AccountStatus.Disabled : AccountStatus.Active);
            e.Property(u => u.StatusReason).HasColumnName("status_reason").HasMaxLength(User.StatusReasonMaxLength);
            e.Property(u => u.ResetCodeHash).HasColumnName("reset_code_hash").HasMaxLength(64);
            e.Property(u => u.ResetCodeExpiresAt).HasColumnName("reset_code_expires_at");
            e.HasIndex(u => u.NormalizedUsername).IsUnique().HasDatabaseName("ux_users_normalized_username");
        });

        modelBuilder.Entity<RefreshToken>(e =>
        {
            e.ToTable("refresh_tokens");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasColumnName("id");
            e.Property(t => t.UserId).HasColumnName("user_id");
            e.Property(t => t.FamilyId).HasColumnName("family_id").HasMaxLength(32).IsRequired();
            e.Property(t => t.TokenHash).HasColumnName("token_hash").HasMaxLength(64).IsRequired();
            e.Property(t => t.CreatedAt).HasColumnName("created_at");
            e.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            e.Property(t => t.ConsumedAt).HasColumnName("consumed_at");
            e.Property(t => t.RevokedAt).HasColumnName("revoked_at");
            e.HasIndex(t => t.TokenHash).IsUnique().HasDatabaseName("ux_refresh_tokens_token_hash");
            e.HasIndex(t => t.FamilyId).HasDatabaseName("ix_refresh_tokens_family_id");
            e.HasIndex(t => t.UserId).HasDatabaseName("ix_refresh_tokens_user_id");
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName(RefreshTokenUserForeignKey);
        });

        modelBuilder.Entity<LoginThrottle>(e =>
        {
            e.ToTable("login_throttles");
            e.HasKey(t => t.NormalizedUsername);
            e.Property(t => t.NormalizedUsername).HasColumnName("normalized_username").HasMaxLength(64);
            e.Property(t => t.Failures).HasColumnName("failures");
            e.Property(t => t.LastFailureAt).HasColumnName("last_failure_at");
            e.Property(t => t.LockedUntil).HasColumnName("locked_until");
            e.Property(t => t.InFlight).HasColumnName("in_flight");
            e.Property(t => t.InFlightSince).HasColumnName("in_flight_since");
        });

        modelBuilder.Entity<Session>(e =>
        {
            e.ToTable("sessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(32);
            e.Property(x => x.UserId).HasColumnName("user_id");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.LastUsedAt).HasColumnName("last_used_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
            e.Property(x => x.Ip).HasColumnName("ip").HasMaxLength(Session.IpMaxLength);
            e.Property(x => x.UserAgent).HasColumnName("user_agent").HasMaxLength(Session.UserAgentMaxLength);
            e.HasIndex(x => x.UserId).HasDatabaseName("ix_sessions_user_id");
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("fk_sessions_users_user_id");
        });

        modelBuilder.Entity<SigningKey>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasColumnName("id");
            e.Property(k => k.Kid).HasColumnName("kid").HasMaxLength(64).IsRequired();
            e.Property(k => k.Algorithm).HasColumnName("algorithm").HasMaxLength(16).IsRequired();
            e.Property(k => k.Generation).HasColumnName("generation");
            e.Property(k => k.PublicKey).HasColumnName("public_key").HasMaxLength(4000).IsRequired();
            e.Property(k => k.EncryptedPrivateKey).HasColumnName("encrypted_private_key").HasMaxLength(8000).IsRequired();
            e.Property(k => k.CreatedAt).HasColumnName("created_at");
            e.Property(k => k.ActivatedAt).HasColumnName("activated_at");
            e.Property(k => k.RetiredAt).HasColumnName("retired_at");
            e.HasIndex(k => k.Kid).IsUnique().HasDatabaseName("ux_signing_keys_kid");
            e.HasIndex(k => k.Generation).IsUnique().HasDatabaseName("ux_signing_keys_generation");
        });

        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id");
            e.Property(a => a.OccurredAt).HasColumnName("occurred_at");
            e.Property(a => a.Type).HasColumnName("type").HasMaxLength(AuditEvent.TypeMaxLength).IsRequired();
            e.Property(a => a.UserId).HasColumnName("user_id");
            e.Property(a => a.Username).HasColumnName("username").HasMaxLength(AuditEvent.UsernameMaxLength);
            e.Property(a => a.ActorId).HasColumnName("actor_id");
            e.Property(a => a.Detail).HasColumnName("detail").HasMaxLength(AuditEvent.DetailMaxLength);
            e.Property(a => a.ClientIp).HasColumnName("client_ip").HasMaxLength(AuditEvent.ClientIpMaxLength);
        });
    }
}
