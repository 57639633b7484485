using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;

namespace Disputes.Web.Features.Incidents;

public static class IncidentQueries
{
    /// <summary>
    /// The visibility rule, as a query: town users their town; department liaisons the incidents their
    /// department is engaged on; the federation and city leaders everything. Every incident query starts here.
    /// </summary>
    public static IQueryable<Incident> VisibleTo(this IQueryable<Incident> incidents, Actor actor)
    {
        if (actor.SeesWholeCity)
        {
            return incidents;
        }

        if (actor.IsTownUser && actor.TownId is { } town)
        {
            return incidents.Where(i => i.TownId == town);
        }

        if (actor.IsIn(Roles.DepartmentLiaison))
        {
            var organisation = actor.OrganisationId;
            if (actor.OrganisationKind == OrganisationKind.Department && actor.Department is { } department)
            {
                return incidents.Where(i => i.Engagements.Any(e => e.Department == department || e.OrganisationId == organisation));
            }

            return incidents.Where(i => i.Engagements.Any(e => e.OrganisationId == organisation));
        }

        return incidents.Where(_ => false);
    }

    /// <summary>Open steps past due and not paused: what escalation will chase.</summary>
    public static IQueryable<PlanStep> OverdueAt(this IQueryable<PlanStep> steps, DateTime nowUtc) =>
        steps.Where(s => s.CompletedAtUtc == null && s.CancelledAtUtc == null && s.PausedSinceUtc == null && s.DueAtUtc < nowUtc);

    /// <summary>Escalations of steps still watched (open, not paused): what the badge shows. A completed step's rungs no longer count.</summary>
    public static IQueryable<EscalationRecord> EscalationsOfWatchedSteps(this DisputesDbContext db) =>
        db.Escalations.Where(e => e.StepId != null && db.PlanSteps.Any(s => s.Id == e.StepId
            && s.CompletedAtUtc == null && s.CancelledAtUtc == null && s.PausedSinceUtc == null));
}
