using Auth.Tests.Support;

namespace Auth.Tests.Persistence;

/// <summary>Choosing PostgreSQL without a PostgreSQL connection string stops start-up with a message naming the key.</summary>
public sealed class PostgresConfigurationTests
{
    [TestCase("Data Source=auth.db")]
    [TestCase("Database=auth;Username=auth")]
    public void StartUp_WithPostgreSqlAndNoServerInTheConnectionString_FailsNamingTheKey(string connectionString)
    {
        using var factory = new AuthApiFactory();
        factory.Settings["Database:Provider"] = "PostgreSql";
        factory.Settings["ConnectionStrings:Auth"] = connectionString;

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure, Is.InstanceOf<InvalidOperationException>());
        Assert.That(failure!.Message, Does.Contain("ConnectionStrings:Auth"));
    }
}
