using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Reports;

/// <summary>Records every export (who, what, scope, rows) before the file leaves the server.</summary>
public sealed class ExportLog(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock)
{
    public async Task RecordAsync(Actor actor, ExportKind kind, ExportFormat format, string scope, ExportFile file, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ExportLog.Add(new ExportRecord(actor.UserId, actor.Name, kind, format, scope, file.Rows, file.FileName, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
