-- The SQLite schema the previous release (EF Core 10, hand-written migration 20261122000000_InitialCreate) created,
-- read back from sqlite_master. Kept so the adoption test can build such a database without the old code.
CREATE TABLE "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
CREATE TABLE "users" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_users" PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "normalized_username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL
);
CREATE TABLE "refresh_tokens" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_refresh_tokens" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "family_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "consumed_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    CONSTRAINT "FK_refresh_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "login_throttles" (
    "normalized_username" TEXT NOT NULL CONSTRAINT "PK_login_throttles" PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "last_failure_at" TEXT NULL,
    "locked_until" TEXT NULL
);
CREATE TABLE "audit_events" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_events" PRIMARY KEY AUTOINCREMENT,
    "occurred_at" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "username" TEXT NULL,
    "actor_id" INTEGER NULL,
    "detail" TEXT NULL,
    "client_ip" TEXT NULL
);
CREATE UNIQUE INDEX "ux_users_normalized_username" ON "users" ("normalized_username");
CREATE UNIQUE INDEX "ux_refresh_tokens_token_hash" ON "refresh_tokens" ("token_hash");
CREATE INDEX "ix_refresh_tokens_family_id" ON "refresh_tokens" ("family_id");
CREATE INDEX "ix_refresh_tokens_user_id" ON "refresh_tokens" ("user_id");
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122000000_InitialCreate', '10.0.14');
