using Disputes.Data;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;

namespace Disputes.Web.Features.Incidents;

public static class IncidentQueries
{
    /// <summary>The one audience rule (<see cref="IncidentAudience"/>) as a query: every incident query starts here.</summary>
    public static IQueryable<Incident> VisibleTo(this IQueryable<Incident> incidents, Actor actor) =>
        incidents.Where(IncidentAudience.Filter(actor));

    /// <summary>Open steps past due and not paused: what escalation will chase.</summary>
    public static IQueryable<PlanStep> OverdueAt(this IQueryable<PlanStep> steps, DateTime nowUtc) =>
        steps.Where(s => s.CompletedAtUtc == null && s.CancelledAtUtc == null && s.PausedSinceUtc == null && s.DueAtUtc < nowUtc);

    /// <summary>Escalations of steps still watched (open, not paused): what the badge shows. A completed step's rungs no longer count.</summary>
    public static IQueryable<EscalationRecord> EscalationsOfWatchedSteps(this DisputesDbContext db) =>
        db.Escalations.Where(e => e.StepId != null && db.PlanSteps.Any(s => s.Id == e.StepId
            && s.CompletedAtUtc == null && s.CancelledAtUtc == null && s.PausedSinceUtc == null));
}
