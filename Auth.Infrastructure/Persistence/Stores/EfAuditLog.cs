using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

public sealed class EfAuditLog<TContext>(TContext db) : IAuditLog where TContext : AuthDbContext
{
    public Task WriteAsync(AuditEvent auditEvent, CancellationToken ct) => db.InsertAsync(auditEvent, ct);

    public async Task<Page<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        var total = await db.AuditEvents.CountAsync(ct);
        // In long: (page - 1) * pageSize overflows int for huge page numbers and would wrap round to page 1.
        var skip = (long)(page - 1) * pageSize;
        var items = skip > int.MaxValue
            ? []
            : await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Id).Skip((int)skip).Take(pageSize).ToListAsync(ct);
        return new Page<AuditEvent>(items, page, pageSize, total);
    }
}
