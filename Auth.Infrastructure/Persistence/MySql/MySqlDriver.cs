using System.Collections;
using System.Data;
using System.Reflection;
using Dapper;
using MySql.Data.MySqlClient;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>
/// Process-wide set-up of MySql.Data and Dapper, done once before the first connection (see
/// docs/decisions/0001-mysql-driver.md).
/// </summary>
public static class MySqlDriver
{
    private static readonly Lazy<bool> Configured = new(Apply);

    /// <summary>Idempotent and thread-safe; every path to a MySqlConnection calls it first.</summary>
    public static void Configure() => _ = Configured.Value;

    private static bool Apply()
    {
        TeachUtf8Mb3();
        // Dapper consults its built-in type map before handlers when writing parameters, so DateTimeOffset must leave
        // that map for the handler's SetValue to run (reading uses the handler either way).
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
        return true;
    }

    /// <summary>
    /// MySql.Data 8.0.16 predates the name "utf8mb3", which MariaDB 10.6+ (and MySQL 8.0.30+) use for the 3-byte utf8
    /// of warnings, information_schema and SHOW output. Meeting it throws NotSupportedException and poisons the pooled
    /// connection. It is the same character set as "utf8", so map the new name to the old entry.
    /// </summary>
    private static void TeachUtf8Mb3()
    {
        var mapType = typeof(MySqlConnection).Assembly.GetType("MySql.Data.MySqlClient.CharSetMap")
            ?? throw new InvalidOperationException("MySql.Data changed: CharSetMap not found; revisit the utf8mb3 workaround.");
        var field = mapType.GetField("_mapping", BindingFlags.Static | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("MySql.Data changed: CharSetMap._mapping not found; revisit the utf8mb3 workaround.");
        var map = (IDictionary)field.GetValue(null)!;
        lock (map)
        {
            if (!map.Contains("utf8mb3"))
                map["utf8mb3"] = map["utf8"];
        }
    }

    /// <summary>Cut to the microseconds DATETIME(6) keeps, so the server never rounds (MySQL rounds, MariaDB truncates).</summary>
    public static DateTime ToStoredUtc(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>DATETIME(6) holds UTC without an offset: write UtcDateTime, read back as offset zero.</summary>
    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTime;
            parameter.Value = ToStoredUtc(value);
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeOffset dateTimeOffset => dateTimeOffset,
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as a UTC time."),
        };
    }
}
