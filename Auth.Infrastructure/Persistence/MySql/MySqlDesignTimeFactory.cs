using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Auth.Infrastructure.Persistence.MySql;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the MySQL model without a server: migrations are C# operations, turned
/// into SQL for the real server's version only when they are applied.
/// </summary>
public sealed class MySqlDesignTimeFactory : IDesignTimeDbContextFactory<MySqlAuthDbContext>
{
    public MySqlAuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MySqlAuthDbContext>()
            .UseMySql("Server=localhost;Database=auth", new MySqlServerVersion(new Version(8, 0, 36))).Options);
}
