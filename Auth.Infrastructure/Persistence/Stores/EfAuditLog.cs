using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence.Stores;

public sealed class EfAuditLog<TContext>(TContext db) : IAuditLog where TContext : AuthDbContext
{
    public async Task WriteAsync(AuditEvent auditEvent, CancellationToken ct)
    {
        db.AuditEvents.Add(auditEvent);
        await db.SaveChangesAsync(ct);
        db.Entry(auditEvent).State = EntityState.Detached;
    }

    public async Task<Page<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        var total = await db.AuditEvents.CountAsync(ct);
        var items = await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Page<AuditEvent>(items, page, pageSize, total);
    }
}
