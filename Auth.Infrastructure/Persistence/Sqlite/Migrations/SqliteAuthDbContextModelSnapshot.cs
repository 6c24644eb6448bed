using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

#nullable disable

namespace Auth.Infrastructure.Persistence.Sqlite.Migrations;

/// <summary>
/// Hand-written snapshot of the model after the latest migration. Keep it true: a test fails when the model and
/// this snapshot disagree (EF then refuses to migrate with PendingModelChangesWarning).
/// </summary>
[DbContext(typeof(SqliteAuthDbContext))]
public sealed class SqliteAuthDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

        modelBuilder.Entity("Auth.Core.Auditing.AuditEvent", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<long?>("ActorId").HasColumnType("INTEGER").HasColumnName("actor_id");
            b.Property<string>("ClientIp").HasMaxLength(45).HasColumnType("TEXT").HasColumnName("client_ip");
            b.Property<string>("Detail").HasMaxLength(200).HasColumnType("TEXT").HasColumnName("detail");
            b.Property<DateTimeOffset>("OccurredAt").HasColumnType("TEXT").HasColumnName("occurred_at");
            b.Property<string>("Type").IsRequired().HasMaxLength(40).HasColumnType("TEXT").HasColumnName("type");
            b.Property<long?>("UserId").HasColumnType("INTEGER").HasColumnName("user_id");
            b.Property<string>("Username").HasMaxLength(64).HasColumnType("TEXT").HasColumnName("username");
            b.HasKey("Id");
            b.ToTable("audit_events");
        });

        modelBuilder.Entity("Auth.Core.Security.LoginThrottle", b =>
        {
            b.Property<string>("NormalizedUsername").HasMaxLength(64).HasColumnType("TEXT").HasColumnName("normalized_username");
            b.Property<int>("Failures").HasColumnType("INTEGER").HasColumnName("failures");
            b.Property<DateTimeOffset?>("LastFailureAt").HasColumnType("TEXT").HasColumnName("last_failure_at");
            b.Property<DateTimeOffset?>("LockedUntil").HasColumnType("TEXT").HasColumnName("locked_until");
            b.HasKey("NormalizedUsername");
            b.ToTable("login_throttles");
        });

        modelBuilder.Entity("Auth.Core.Tokens.RefreshToken", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<DateTimeOffset?>("ConsumedAt").HasColumnType("TEXT").HasColumnName("consumed_at");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("TEXT").HasColumnName("created_at");
            b.Property<DateTimeOffset>("ExpiresAt").HasColumnType("TEXT").HasColumnName("expires_at");
            b.Property<string>("FamilyId").IsRequired().HasMaxLength(32).HasColumnType("TEXT").HasColumnName("family_id");
            b.Property<DateTimeOffset?>("RevokedAt").HasColumnType("TEXT").HasColumnName("revoked_at");
            b.Property<string>("TokenHash").IsRequired().HasMaxLength(64).HasColumnType("TEXT").HasColumnName("token_hash");
            b.Property<long>("UserId").HasColumnType("INTEGER").HasColumnName("user_id");
            b.HasKey("Id");
            b.HasIndex("FamilyId").HasDatabaseName("ix_refresh_tokens_family_id");
            b.HasIndex("TokenHash").IsUnique().HasDatabaseName("ux_refresh_tokens_token_hash");
            b.HasIndex("UserId").HasDatabaseName("ix_refresh_tokens_user_id");
            b.ToTable("refresh_tokens");
        });

        modelBuilder.Entity("Auth.Core.Users.User", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("TEXT").HasColumnName("created_at");
            b.Property<string>("NormalizedUsername").IsRequired().HasMaxLength(32).HasColumnType("TEXT").HasColumnName("normalized_username");
            b.Property<string>("PasswordHash").IsRequired().HasMaxLength(100).HasColumnType("TEXT").HasColumnName("password_hash");
            b.Property<int>("Role").HasColumnType("INTEGER").HasColumnName("role");
            b.Property<string>("Username").IsRequired().HasMaxLength(32).HasColumnType("TEXT").HasColumnName("username");
            b.HasKey("Id");
            b.HasIndex("NormalizedUsername").IsUnique().HasDatabaseName("ux_users_normalized_username");
            b.ToTable("users");
        });

        modelBuilder.Entity("Auth.Core.Tokens.RefreshToken", b =>
        {
            b.HasOne("Auth.Core.Users.User", null).WithMany().HasForeignKey("UserId")
                .OnDelete(DeleteBehavior.Cascade).IsRequired();
        });
    }
}
