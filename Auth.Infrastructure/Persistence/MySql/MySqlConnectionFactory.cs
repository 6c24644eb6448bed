using MySql.Data.MySqlClient;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>Opens pooled connections to the configured MySQL/MariaDB database.</summary>
public sealed class MySqlConnectionFactory
{
    static MySqlConnectionFactory() => MySqlDriver.Configure();

    public MySqlConnectionFactory(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    /// <summary>For the one thread that exists to block on the driver (MySqlUserLookupBatcher).</summary>
    public MySqlConnection Open()
    {
        var connection = new MySqlConnection(ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<MySqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new MySqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
