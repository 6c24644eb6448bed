using Auth.Core.Auditing;
using Auth.Core.Common;

namespace Auth.Core.Abstractions;

/// <summary>The persisted log of security events.</summary>
public interface IAuditLog
{
    Task WriteAsync(AuditEvent auditEvent, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<Page<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken ct = default);
}
