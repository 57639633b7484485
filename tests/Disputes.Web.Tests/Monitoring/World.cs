using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Board;

namespace Disputes.Web.Tests.Monitoring;

/// <summary>
/// Every row the wall is read from, loaded into memory, and the wall's definitions (DESIGN.md, "City monitoring") written
/// out again as plain code over them: what the tests hold the SQL to. Small data only.
/// </summary>
public sealed record World(List<Incident> Incidents, List<EscalationRecord> Escalations, List<Notification> Notifications, DateTime NowUtc)
{
    public IEnumerable<Incident> VisibleTo(Actor actor) => Incidents.Where(i => IncidentAudience.Of(i).Includes(actor));

    public static bool IsOpen(Incident incident) => incident.Stage.IsOpen();

    public static bool IsDepartments(PlanStep step, DepartmentKind department) =>
        step.Department == department && step.Kind is PlanStepKind.DepartmentAcknowledges or PlanStepKind.Task;

    /// <summary>Due in the period and decided by now, neither cancelled nor paused now.</summary>
    public bool IsCounted(PlanStep step, DateTime? fromUtc, DateTime? toUtc) =>
        step.CancelledAtUtc is null && step.PausedSinceUtc is null && (step.CompletedAtUtc is not null || step.DueAtUtc <= NowUtc) && In(step.DueAtUtc, fromUtc, toUtc);

    public static bool IsOnTime(PlanStep step) => step.CompletedAtUtc is { } done && done <= step.DueAtUtc;

    public bool IsUnread(EscalationRecord escalation) =>
        !Notifications.Any(n => n.EscalationId == escalation.Id && n.Channel == NotificationChannel.InApp && n.ReadAtUtc is not null);

    public PlanStep? StepOf(EscalationRecord escalation) =>
        escalation.StepId is { } id ? Incidents.SelectMany(i => i.Steps).SingleOrDefault(s => s.Id == id) : null;

    public static bool In(DateTime at, DateTime? fromUtc, DateTime? toUtc) => (fromUtc is null || at >= fromUtc) && (toUtc is null || at < toUtc);

    /// <summary>The incidents the board should show for this filter, by the definitions, ordered by number.</summary>
    public IReadOnlyList<string> Board(Actor actor, BoardFilter filter)
    {
        bool Matches(Incident i)
        {
            if ((filter.TownId is { } town && i.TownId != town) || (filter.Type is { } type && i.Type != type) || (filter.Grade is { } grade && i.Grade != grade))
            {
                return false;
            }

            if (filter.Stage is { } stage ? i.Stage != stage : !filter.AnyStage && !IsOpen(i))
            {
                return false;
            }

            if (filter.OverdueOnly && !i.Steps.Any(s => s.IsOverdue(NowUtc) && (filter.OverdueKind is null || s.Kind == filter.OverdueKind)))
            {
                return false;
            }

            var (from, to) = (filter.FromUtc, filter.ToUtc);
            var stepOwned = filter.On is BoardEvent.Escalated or BoardEvent.Done or BoardEvent.Due;
            if (filter.Department is { } engaged && !stepOwned && i.Engagements.All(e => e.Department != engaged))
            {
                return false;
            }

            bool Owned(PlanStep? s) => filter.Department is not { } d || (s is not null && IsDepartments(s, d));
            var happened = filter.On switch
            {
                BoardEvent.Logged => In(i.ReportedAtUtc, from, to),
                BoardEvent.Closed => i.ClosedAtUtc is { } closed && In(closed, from, to),
                BoardEvent.Escalated => Escalations.Any(e => e.IncidentId == i.Id && In(e.EscalatedAtUtc, from, to) && (filter.Level is null || e.Level == filter.Level)
                    && (!filter.Unread || IsUnread(e)) && Owned(StepOf(e))),
                BoardEvent.Done => i.Steps.Any(s => s.CompletedAtUtc is { } done && In(done, from, to) && (filter.Step is null || s.Kind == filter.Step) && Owned(s)),
                _ => i.Steps.Any(s => IsCounted(s, from, to) && Owned(s)),
            };
            return happened && (filter.RecoveredFrom is not { } source || i.Workers.SelectMany(w => w.Recoveries).Any(r => r.Source == source));
        }

        return VisibleTo(actor).Where(Matches).Select(i => i.Number).Order(StringComparer.Ordinal).ToList();
    }
}
