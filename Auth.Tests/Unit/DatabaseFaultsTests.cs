using System.Data.Common;
using System.Net.Sockets;
using Auth.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace Auth.Tests.Unit;

/// <summary>Which faults the API answers with 503 "try again" (unreachable database) rather than 500 (a bug).</summary>
public sealed class DatabaseFaultsTests
{
    /// <summary>A provider exception carrying a SQLSTATE, as Npgsql's do (no Npgsql reference needed).</summary>
    private sealed class StateException(string sqlState) : DbException("server said " + sqlState)
    {
        public override string SqlState => sqlState;
    }

    [Test]
    public void AMySqlConnectionRefused_IsUnavailable()
    {
        // A real driver exception: nothing listens on port 1.
        using var connection = new MySqlConnection("Server=127.0.0.1;Port=1;Database=x;User ID=x;Connection Timeout=2");
        var refused = Assert.Catch<MySqlException>(() => connection.Open())!;

        Assert.That(DatabaseFaults.IsUnavailable(refused), Is.True, $"number {refused.Number}");
    }

    [Test]
    public void ASqliteFileThatCannotBeOpened_IsUnavailable_EvenWrappedByEf()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "no-such-dir", "x.db")}");
        var cantOpen = Assert.Catch<SqliteException>(() => connection.Open())!;

        Assert.That(DatabaseFaults.IsUnavailable(cantOpen), Is.True);
        Assert.That(DatabaseFaults.IsUnavailable(new DbUpdateException("wrapped", cantOpen)), Is.True);
    }

    [TestCase("08006")] // connection failure
    [TestCase("57P01")] // admin shutdown
    [TestCase("57P03")] // cannot connect now (starting up)
    public void APostgresConnectionState_IsUnavailable(string sqlState) =>
        Assert.That(DatabaseFaults.IsUnavailable(new StateException(sqlState)), Is.True);

    [Test]
    public void SocketAndPoolTimeouts_AreUnavailable() => Assert.Multiple(() =>
    {
        Assert.That(DatabaseFaults.IsUnavailable(new SocketException((int)SocketError.ConnectionRefused)), Is.True);
        Assert.That(DatabaseFaults.IsUnavailable(new InvalidOperationException("pool", new TimeoutException())), Is.True);
    });

    [Test]
    public void BugsAndConstraintErrors_AreNotUnavailable() => Assert.Multiple(() =>
    {
        Assert.That(DatabaseFaults.IsUnavailable(new InvalidOperationException("a bug")), Is.False);
        Assert.That(DatabaseFaults.IsUnavailable(new StateException("23505")), Is.False, "unique violation");
        Assert.That(DatabaseFaults.IsUnavailable(new SqliteException("constraint", 19)), Is.False);
    });
}

/// <summary>An unreachable server must fail a request within seconds: both server backends shorten the connect timeout.</summary>
public sealed class ConnectTimeoutDefaultsTests
{
    [Test]
    public void MySql_DefaultsToFiveSeconds_UnlessTheConnectionStringSaysOtherwise() => Assert.Multiple(() =>
    {
        Assert.That(new MySqlConnectionStringBuilder(Auth.Infrastructure.Persistence.MySql.MySqlPersistence.WithDefaults(
            "Server=db;Database=auth;User ID=auth")).ConnectionTimeout, Is.EqualTo(5));
        Assert.That(new MySqlConnectionStringBuilder(Auth.Infrastructure.Persistence.MySql.MySqlPersistence.WithDefaults(
            "Server=db;Database=auth;User ID=auth;Connect Timeout=2")).ConnectionTimeout, Is.EqualTo(2));
    });

    [Test]
    public void PostgreSql_DefaultsToFiveSeconds_UnlessTheConnectionStringSaysOtherwise() => Assert.Multiple(() =>
    {
        Assert.That(new Npgsql.NpgsqlConnectionStringBuilder(Auth.Infrastructure.Persistence.PostgreSql.PostgresPersistence.WithDefaults(
            "Host=db;Database=auth;Username=auth")).Timeout, Is.EqualTo(5));
        Assert.That(new Npgsql.NpgsqlConnectionStringBuilder(Auth.Infrastructure.Persistence.PostgreSql.PostgresPersistence.WithDefaults(
            "Host=db;Database=auth;Username=auth;Timeout=3")).Timeout, Is.EqualTo(3));
    });
}
