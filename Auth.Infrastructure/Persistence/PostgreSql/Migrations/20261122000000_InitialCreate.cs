using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Auth.Infrastructure.Persistence.PostgreSql.Migrations;

/// <summary>
/// Hand-written (the EF design package is not in our feed). The same tables, columns and index names as the SQLite
/// and MySQL schemas, in PostgreSQL types: identity keys and <c>timestamp with time zone</c> (UTC) times.
/// </summary>
[DbContext(typeof(PostgresAuthDbContext))]
[Migration("20261122000000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    private const string Identity = "Npgsql:ValueGenerationStrategy";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation(Identity, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                username = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                normalized_username = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                password_hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                role = table.Column<int>(type: "integer", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_users", x => x.id));

        migrationBuilder.CreateTable(
            name: "refresh_tokens",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation(Identity, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                user_id = table.Column<long>(type: "bigint", nullable: false),
                family_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                consumed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_refresh_tokens", x => x.id);
                table.ForeignKey("FK_refresh_tokens_users_user_id", x => x.user_id, "users", "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "login_throttles",
            columns: table => new
            {
                normalized_username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                failures = table.Column<int>(type: "integer", nullable: false),
                last_failure_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_login_throttles", x => x.normalized_username));

        migrationBuilder.CreateTable(
            name: "audit_events",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation(Identity, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                user_id = table.Column<long>(type: "bigint", nullable: true),
                username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                actor_id = table.Column<long>(type: "bigint", nullable: true),
                detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                client_ip = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_audit_events", x => x.id));

        migrationBuilder.CreateIndex("ux_users_normalized_username", "users", "normalized_username", unique: true);
        migrationBuilder.CreateIndex("ux_refresh_tokens_token_hash", "refresh_tokens", "token_hash", unique: true);
        migrationBuilder.CreateIndex("ix_refresh_tokens_family_id", "refresh_tokens", "family_id");
        migrationBuilder.CreateIndex("ix_refresh_tokens_user_id", "refresh_tokens", "user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("audit_events");
        migrationBuilder.DropTable("login_throttles");
        migrationBuilder.DropTable("refresh_tokens");
        migrationBuilder.DropTable("users");
    }
}
