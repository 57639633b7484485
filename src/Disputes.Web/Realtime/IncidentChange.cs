using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;

namespace Disputes.Web.Realtime;

/// <summary>What happened, as the live screens and the public hub hear it.</summary>
public enum IncidentChangeKind
{
    Logged,
    StageChanged,
    StepCompleted,
    Escalated,
    Acknowledged,
    Note,
    Attachment,
    Updated,
}

/// <summary>
/// One committed change to an incident: the one live message of a commit, derived from the events it stored. It
/// carries the incident's audience, so every listener applies the one audience rule without a database read.
/// </summary>
public sealed record IncidentChange(
    string Number,
    IncidentChangeKind Kind,
    IncidentAudience Audience,
    string By,
    DateTime AtUtc,
    IReadOnlyList<string>? Notified = null)
{
    /// <summary>Whether this change is an escalation sent to the user (their bell and a toast).</summary>
    public bool Notifies(string? userId) => Kind == IncidentChangeKind.Escalated && userId is not null && (Notified?.Contains(userId) ?? false);

    public bool IsVisibleTo(Actor actor) => Audience.Includes(actor);

    /// <summary>The message for what one commit raised; null when it raised nothing.</summary>
    public static IncidentChange? Of(Incident incident, IReadOnlyList<TimelineEntry> raised, IReadOnlyList<string>? notified = null)
    {
        if (raised.Count == 0)
        {
            return null;
        }

        var last = raised[^1];
        return new IncidentChange(incident.Number, MostTelling(raised.Select(e => e.Kind)), IncidentAudience.Of(incident),
            last.IsBySystem ? TimelineEntry.SystemUserId : last.ActorName, last.AtUtc, notified);
    }

    /// <summary>One commit may store several events; listeners hear the one that matters most.</summary>
    private static IncidentChangeKind MostTelling(IEnumerable<TimelineKind> kinds)
    {
        IncidentChangeKind[] order =
        [
            IncidentChangeKind.Logged, IncidentChangeKind.StageChanged, IncidentChangeKind.Escalated, IncidentChangeKind.Acknowledged,
            IncidentChangeKind.StepCompleted, IncidentChangeKind.Attachment, IncidentChangeKind.Note, IncidentChangeKind.Updated,
        ];
        var happened = kinds.Select(KindOf).ToHashSet();
        return order.First(happened.Contains);
    }

    private static IncidentChangeKind KindOf(TimelineKind kind) => kind switch
    {
        TimelineKind.Logged => IncidentChangeKind.Logged,
        TimelineKind.StageChanged or TimelineKind.Closed or TimelineKind.Cancelled => IncidentChangeKind.StageChanged,
        TimelineKind.ArrivedOnScene or TimelineKind.ReportedUpward or TimelineKind.WrittenReport or TimelineKind.DepartmentEngaged
            or TimelineKind.TaskDone or TimelineKind.FollowUpCompleted => IncidentChangeKind.StepCompleted,
        TimelineKind.EngagementAcknowledged => IncidentChangeKind.Acknowledged,
        TimelineKind.Escalated => IncidentChangeKind.Escalated,
        TimelineKind.Note => IncidentChangeKind.Note,
        TimelineKind.AttachmentAdded => IncidentChangeKind.Attachment,
        _ => IncidentChangeKind.Updated,
    };
}
