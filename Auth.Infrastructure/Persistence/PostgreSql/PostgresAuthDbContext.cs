using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Auth.Infrastructure.Persistence.PostgreSql;

/// <summary>The PostgreSQL backend (Npgsql). Timestamps are <c>timestamp with time zone</c>, so every value written must be UTC.</summary>
public sealed class PostgresAuthDbContext(DbContextOptions<PostgresAuthDbContext> options) : AuthDbContext(options)
{
    public override string ForUpdateClause => " FOR UPDATE";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
