using Disputes.Data;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Escalation;

/// <summary>What an escalation says, whatever the channel: which incident, which step (none for a major-incident alert), which level.</summary>
public sealed record EscalationNotice(string IncidentNumber, int Level, PlanStepKind? Kind, DepartmentKind? Department, DateTime DueAtUtc);

/// <summary>A way of telling someone. Every escalation goes through the enabled channels; each one writes its own ledger rows.</summary>
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    bool IsEnabled { get; }

    /// <summary>False for a channel whose ledger row is itself the delivery (in-app).</summary>
    bool Sends { get; }

    bool CanReach(Recipient recipient);

    Task SendAsync(Recipient recipient, EscalationNotice notice, CancellationToken cancellationToken);
}

/// <summary>The notification centre: the ledger row is what the bell counts and the page lists.</summary>
public sealed class InAppChannel : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.InApp;

    public bool IsEnabled => true;

    public bool Sends => false;

    public bool CanReach(Recipient recipient) => true;

    public Task SendAsync(Recipient recipient, EscalationNotice notice, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Writes the ledger rows with the escalation, then sends through the channels that leave the app once it is saved.</summary>
public sealed class NotificationDispatcher(
    IEnumerable<INotificationChannel> channels,
    IDbContextFactory<DisputesDbContext> dbFactory,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    public sealed record Outgoing(Guid NotificationId, INotificationChannel Channel, Recipient Recipient, EscalationNotice Notice);

    public IReadOnlyList<Outgoing> Address(DisputesDbContext db, EscalationRecord record, EscalationNotice notice,
        IReadOnlyList<Recipient> recipients, DateTime nowUtc)
    {
        var outgoing = new List<Outgoing>();
        foreach (var channel in channels.Where(c => c.IsEnabled))
        {
            foreach (var recipient in recipients.Where(channel.CanReach))
            {
                var notification = new Notification(record.Id, recipient.UserId, channel.Channel, nowUtc);
                db.Notifications.Add(notification);
                if (channel.Sends)
                {
                    outgoing.Add(new Outgoing(notification.Id, channel, recipient, notice));
                }
                else
                {
                    notification.MarkSent(nowUtc);
                }
            }
        }

        return outgoing;
    }

    /// <summary>A failed send is kept in the ledger with its error; it never undoes the escalation.</summary>
    public async Task SendAsync(IReadOnlyList<Outgoing> outgoing, CancellationToken cancellationToken)
    {
        if (outgoing.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = outgoing.Select(o => o.NotificationId).ToList();
        var rows = await db.Notifications.Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        foreach (var o in outgoing)
        {
            try
            {
                await o.Channel.SendAsync(o.Recipient, o.Notice, cancellationToken);
                rows[o.NotificationId].MarkSent(clock.GetUtcNow().UtcDateTime);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not send {Channel} notification {Id} to {User}", o.Channel.Channel, o.NotificationId, o.Recipient.UserId);
                rows[o.NotificationId].MarkFailed(e.Message);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
