namespace Auth.Infrastructure.Persistence;

/// <summary>Brings the configured database's schema up to date (see <see cref="SchemaMigrator"/>).</summary>
public interface ISchemaMigrator
{
    /// <summary>Applies whatever is missing. Safe to call again after a failure, and from several instances at once.</summary>
    Task MigrateAsync(CancellationToken ct);
}
