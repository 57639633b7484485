using Disputes.Data;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Escalation;

public sealed record NotificationRow(Guid Id, DateTime CreatedAtUtc, DateTime? ReadAtUtc, EscalationNotice Notice);

/// <summary>The signed-in user's in-app notifications: the bell's count, the page's list, marking read.</summary>
public sealed class NotificationCentre(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock)
{
    public const int PageSize = 100;

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Mine(db, userId).CountAsync(n => n.ReadAtUtc == null, cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<NotificationRow>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from n in Mine(db, userId)
                          join e in db.Escalations on n.EscalationId equals e.Id
                          join i in db.Incidents on e.IncidentId equals i.Id
                          from s in db.PlanSteps.Where(s => s.Id == e.StepId).DefaultIfEmpty()
                          orderby n.CreatedAtUtc descending, n.Id descending
                          select new
                          {
                              n.Id, n.CreatedAtUtc, n.ReadAtUtc, i.Number, e.Level, e.DueAtUtc,
                              Kind = s == null ? (PlanStepKind?)null : s.Kind,
                              Department = s == null ? null : s.Department,
                          })
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new NotificationRow(r.Id, r.CreatedAtUtc, r.ReadAtUtc,
            new EscalationNotice(r.Number, r.Level, r.Kind, r.Department, r.DueAtUtc))).ToList();
    }

    public async Task MarkReadAsync(string userId, Guid notificationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await Mine(db, userId).AsTracking().SingleOrDefaultAsync(n => n.Id == notificationId, cancellationToken) is { } notification
            && notification.MarkRead(clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task MarkAllReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await Mine(db, userId).Where(n => n.ReadAtUtc == null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAtUtc, now), cancellationToken);
    }

    private static IQueryable<Notification> Mine(DisputesDbContext db, string userId) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Channel == NotificationChannel.InApp);
}
