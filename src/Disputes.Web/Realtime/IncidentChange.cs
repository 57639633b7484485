using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;

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
/// One committed change to an incident. It carries who may hear of it (the town, the engaged offices and
/// departments), so every listener applies the same visibility rule as the queries, without a database read.
/// </summary>
public sealed record IncidentChange(
    string Number,
    IncidentChangeKind Kind,
    int TownId,
    IReadOnlyList<int> EngagedOrganisations,
    IReadOnlyList<DepartmentKind> EngagedDepartments,
    string By,
    DateTime AtUtc,
    IReadOnlyList<string>? Notified = null)
{
    /// <summary>Whether this change is an escalation sent to the user (their bell and a toast).</summary>
    public bool Notifies(string? userId) => Kind == IncidentChangeKind.Escalated && userId is not null && (Notified?.Contains(userId) ?? false);

    /// <summary>The visibility rule of <c>IncidentQueries.VisibleTo</c>, for an event.</summary>
    public bool IsVisibleTo(Actor actor)
    {
        if (actor.SeesWholeCity)
        {
            return true;
        }

        if (actor.IsTownUser)
        {
            return actor.TownId == TownId;
        }

        if (actor.IsIn(Roles.DepartmentLiaison))
        {
            return EngagedOrganisations.Contains(actor.OrganisationId)
                || (actor.OrganisationKind == OrganisationKind.Department && actor.Department is { } d && EngagedDepartments.Contains(d));
        }

        return false;
    }

    public static IncidentChangeKind KindOf(TimelineKind kind) => kind switch
    {
        TimelineKind.Logged => IncidentChangeKind.Logged,
        TimelineKind.StageChanged or TimelineKind.Closed or TimelineKind.Cancelled => IncidentChangeKind.StageChanged,
        TimelineKind.ArrivedOnScene or TimelineKind.ReportedUpward or TimelineKind.WrittenReport or TimelineKind.DepartmentEngaged or TimelineKind.TaskDone => IncidentChangeKind.StepCompleted,
        TimelineKind.EngagementAcknowledged => IncidentChangeKind.Acknowledged,
        TimelineKind.Note => IncidentChangeKind.Note,
        TimelineKind.AttachmentAdded => IncidentChangeKind.Attachment,
        _ => IncidentChangeKind.Updated,
    };
}
