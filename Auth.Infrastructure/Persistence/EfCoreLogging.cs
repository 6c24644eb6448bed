using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Auth.Infrastructure.Persistence;

/// <summary>EF Core logging settings every provider's context shares.</summary>
public static class EfCoreLogging
{
    /// <summary>
    /// EF Core 9 logs a connection open or a transaction cancelled by its token (a client that went away
    /// mid-request) as an error (dotnet/efcore#35708; EF Core 10 logs cancellations at Debug). Until the move to EF
    /// Core 10 (decision 0013), both events are warnings: a database that is really down is still logged, with the
    /// reason, by the 503 handler and the start-up migrator.
    /// </summary>
    public static DbContextOptionsBuilder LogConnectionErrorsAsWarnings(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.ConnectionError, LogLevel.Warning), (RelationalEventId.TransactionError, LogLevel.Warning)));
}
