-- The MySQL/MariaDB schema the previous release (MySql.Data + Dapper) created: its schema_version table
-- (MySqlSchemaMigrator) and its only script, Scripts/0001_initial.sql, recorded as applied.
CREATE TABLE schema_version (
    version INT NOT NULL,
    name VARCHAR(200) NOT NULL,
    applied_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_schema_version PRIMARY KEY (version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Users, refresh tokens, login throttles and the audit log, with the same table and column names as the EF model
-- (AuthDbContext), so the README's admin SQL works on every backend. Times are UTC in DATETIME(6).
-- utf8mb4_bin: exact comparisons like SQLite and PostgreSQL; usernames are matched case-insensitively through
-- normalized_username, which the service upper-cases.

CREATE TABLE users (
    id BIGINT NOT NULL AUTO_INCREMENT,
    username VARCHAR(32) NOT NULL,
    normalized_username VARCHAR(32) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    role INT NOT NULL,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ux_users_normalized_username UNIQUE (normalized_username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE refresh_tokens (
    id BIGINT NOT NULL AUTO_INCREMENT,
    user_id BIGINT NOT NULL,
    family_id VARCHAR(32) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    consumed_at DATETIME(6) NULL,
    revoked_at DATETIME(6) NULL,
    CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
    CONSTRAINT ux_refresh_tokens_token_hash UNIQUE (token_hash),
    INDEX ix_refresh_tokens_family_id (family_id),
    INDEX ix_refresh_tokens_user_id (user_id),
    CONSTRAINT fk_refresh_tokens_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE login_throttles (
    normalized_username VARCHAR(64) NOT NULL,
    failures INT NOT NULL,
    last_failure_at DATETIME(6) NULL,
    locked_until DATETIME(6) NULL,
    CONSTRAINT pk_login_throttles PRIMARY KEY (normalized_username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE audit_events (
    id BIGINT NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(6) NOT NULL,
    type VARCHAR(40) NOT NULL,
    user_id BIGINT NULL,
    username VARCHAR(64) NULL,
    actor_id BIGINT NULL,
    detail VARCHAR(200) NULL,
    client_ip VARCHAR(45) NULL,
    CONSTRAINT pk_audit_events PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO schema_version (version, name, applied_at) VALUES (1, 'initial', UTC_TIMESTAMP(6));
