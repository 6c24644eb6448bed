using Auth.Core.Abstractions;
using Auth.Core.Tokens;
using Dapper;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>Table <c>refresh_tokens</c> on MySQL/MariaDB.</summary>
public sealed class MySqlRefreshTokenStore(MySqlConnectionFactory connections) : IRefreshTokenStore
{
    public async Task AddAsync(RefreshToken token, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        token.Id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO refresh_tokens (user_id, family_id, token_hash, created_at, expires_at, consumed_at, revoked_at)
            VALUES (@UserId, @FamilyId, @TokenHash, @CreatedAt, @ExpiresAt, @ConsumedAt, @RevokedAt);
            SELECT LAST_INSERT_ID();
            """, token, cancellationToken: ct));
    }

    public async Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<RefreshToken>(new CommandDefinition("""
            SELECT id AS Id, user_id AS UserId, family_id AS FamilyId, token_hash AS TokenHash, created_at AS CreatedAt,
                   expires_at AS ExpiresAt, consumed_at AS ConsumedAt, revoked_at AS RevokedAt
            FROM refresh_tokens WHERE token_hash = @tokenHash
            """, new { tokenHash }, cancellationToken: ct));
    }

    // One conditional UPDATE: of two racing consumers only one matches the row.
    public async Task<bool> TryConsumeAsync(long id, DateTimeOffset at, CancellationToken ct) =>
        await ExecuteAsync(
            "UPDATE refresh_tokens SET consumed_at = @at WHERE id = @id AND consumed_at IS NULL AND revoked_at IS NULL",
            new { id, at }, ct) == 1;

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset at, CancellationToken ct) =>
        ExecuteAsync("UPDATE refresh_tokens SET revoked_at = @at WHERE family_id = @familyId AND revoked_at IS NULL",
            new { familyId, at }, ct);

    public Task RevokeAllForUserAsync(long userId, DateTimeOffset at, CancellationToken ct) =>
        ExecuteAsync("UPDATE refresh_tokens SET revoked_at = @at WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, at }, ct);

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }
}
