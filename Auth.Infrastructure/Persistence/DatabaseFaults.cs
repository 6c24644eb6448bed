using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Tells a database that cannot be reached (down, restarting, refusing connections, pool exhausted) from a bug,
/// for every provider, so the API can answer 503 "try again" instead of 500 without referencing any driver.
/// </summary>
public static class DatabaseFaults
{
    // MySQL/MariaDB server and client error numbers that mean "no usable connection right now".
    private static readonly HashSet<int> MySqlUnavailable =
    [
        1040, // too many connections
        1042, // unable to connect to any of the specified hosts
        1053, // server shutdown in progress
        1927, // connection was killed
        2002, 2003, 2005, // cannot connect (socket, TCP, unknown host)
        2006, 2013, // server has gone away, lost connection during query
    ];

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;

    /// <summary>True when the exception, or one it wraps, says the database is unreachable rather than that the request was wrong.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                case SocketException:
                case TimeoutException: // e.g. waiting for a pooled connection
                case EndOfStreamException: // the server closed the connection mid-answer
                case MySqlException my when MySqlUnavailable.Contains(my.Number):
                case SqliteException { SqliteErrorCode: SqliteCantOpen or SqliteBusy or SqliteLocked }:
                    return true;
                // PostgreSQL (Npgsql) without a reference: class 08 is connection exceptions, 57P0x is shutdown/starting up.
                case DbException db when db.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P0", StringComparison.Ordinal)):
                    return true;
                case DbException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }
}
