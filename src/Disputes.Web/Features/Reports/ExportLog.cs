using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Reports;

/// <summary>Records every export (who, what, scope, rows) before the file leaves the server, on the audit trail too.</summary>
public sealed class ExportLog(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, AuditLog audit)
{
    /// <param name="incidentNumber">The incident the file is of, where it is of one.</param>
    /// <param name="detail">What else the auditor should read, such as the reason given for numbers left unmasked.</param>
    public async Task RecordAsync(Actor actor, ExportKind kind, ExportFormat format, string scope, ExportFile file,
        CancellationToken cancellationToken = default, string? incidentNumber = null, string? detail = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var who = await AuditWho.OfAsync(db, actor, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ExportLog.Add(new ExportRecord(actor.UserId, actor.Name, kind, format, scope, file.Rows, file.FileName, now));
        await audit.AppendAsync(db, [who.Did(now, AuditTypes.Exported, AuditTypes.ExportObject(file.FileName), incidentNumber, detail)],
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
