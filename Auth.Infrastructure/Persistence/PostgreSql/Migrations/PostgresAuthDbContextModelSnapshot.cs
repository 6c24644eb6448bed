using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

#nullable disable

namespace Auth.Infrastructure.Persistence.PostgreSql.Migrations;

/// <summary>
/// Hand-written snapshot of the model after the latest PostgreSQL migration. Keep it true: a test fails when the model
/// and this snapshot disagree (EF then refuses to migrate with PendingModelChangesWarning).
/// </summary>
[DbContext(typeof(PostgresAuthDbContext))]
public sealed class PostgresAuthDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder
            .HasAnnotation("ProductVersion", "10.0.14")
            .HasAnnotation("Relational:MaxIdentifierLength", 63);
        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

        modelBuilder.Entity("Auth.Core.Auditing.AuditEvent", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long?>("ActorId").HasColumnType("bigint").HasColumnName("actor_id");
            b.Property<string>("ClientIp").HasMaxLength(45).HasColumnType("character varying(45)").HasColumnName("client_ip");
            b.Property<string>("Detail").HasMaxLength(200).HasColumnType("character varying(200)").HasColumnName("detail");
            b.Property<DateTimeOffset>("OccurredAt").HasColumnType("timestamp with time zone").HasColumnName("occurred_at");
            b.Property<string>("Type").IsRequired().HasMaxLength(40).HasColumnType("character varying(40)").HasColumnName("type");
            b.Property<long?>("UserId").HasColumnType("bigint").HasColumnName("user_id");
            b.Property<string>("Username").HasMaxLength(64).HasColumnType("character varying(64)").HasColumnName("username");
            b.HasKey("Id");
            b.ToTable("audit_events");
        });

        modelBuilder.Entity("Auth.Core.Security.LoginThrottle", b =>
        {
            b.Property<string>("NormalizedUsername").HasMaxLength(64).HasColumnType("character varying(64)").HasColumnName("normalized_username");
            b.Property<int>("Failures").HasColumnType("integer").HasColumnName("failures");
            b.Property<DateTimeOffset?>("LastFailureAt").HasColumnType("timestamp with time zone").HasColumnName("last_failure_at");
            b.Property<DateTimeOffset?>("LockedUntil").HasColumnType("timestamp with time zone").HasColumnName("locked_until");
            b.HasKey("NormalizedUsername");
            b.ToTable("login_throttles");
        });

        modelBuilder.Entity("Auth.Core.Tokens.RefreshToken", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<DateTimeOffset?>("ConsumedAt").HasColumnType("timestamp with time zone").HasColumnName("consumed_at");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<DateTimeOffset>("ExpiresAt").HasColumnType("timestamp with time zone").HasColumnName("expires_at");
            b.Property<string>("FamilyId").IsRequired().HasMaxLength(32).HasColumnType("character varying(32)").HasColumnName("family_id");
            b.Property<DateTimeOffset?>("RevokedAt").HasColumnType("timestamp with time zone").HasColumnName("revoked_at");
            b.Property<string>("TokenHash").IsRequired().HasMaxLength(64).HasColumnType("character varying(64)").HasColumnName("token_hash");
            b.Property<long>("UserId").HasColumnType("bigint").HasColumnName("user_id");
            b.HasKey("Id");
            b.HasIndex("FamilyId").HasDatabaseName("ix_refresh_tokens_family_id");
            b.HasIndex("TokenHash").IsUnique().HasDatabaseName("ux_refresh_tokens_token_hash");
            b.HasIndex("UserId").HasDatabaseName("ix_refresh_tokens_user_id");
            b.ToTable("refresh_tokens");
        });

        modelBuilder.Entity("Auth.Core.Users.User", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<string>("NormalizedUsername").IsRequired().HasMaxLength(32).HasColumnType("character varying(32)").HasColumnName("normalized_username");
            b.Property<string>("PasswordHash").IsRequired().HasMaxLength(100).HasColumnType("character varying(100)").HasColumnName("password_hash");
            b.Property<int>("Role").HasColumnType("integer").HasColumnName("role");
            b.Property<string>("Username").IsRequired().HasMaxLength(32).HasColumnType("character varying(32)").HasColumnName("username");
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
