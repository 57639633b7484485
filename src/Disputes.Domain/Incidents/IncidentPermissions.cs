namespace Disputes.Domain.Incidents;

/// <summary>
/// Who may do what to an incident, by role and organisation (who may see it is <see cref="IncidentAudience"/>). The aggregate enforces it; the incident page
/// asks it to show only the actions the user may take.
/// </summary>
public static class IncidentPermissions
{
    /// <summary>Whether the actor may take the action now, given the incident's stage.</summary>
    public static bool Can(Actor actor, Incident incident, IncidentAction action)
    {
        if (StageTransitions.For(action) is { } transition)
        {
            return (transition.From.Contains(incident.Stage) || incident.Stage == transition.To)
                   && MayMove(actor, incident, transition);
        }

        var townSide = actor.IsOfTown(incident.TownId) || actor.IsIn(Roles.FederationDutyOfficer);
        if (action == IncidentAction.CompleteFollowUp)
        {
            return townSide && incident.Stage == Stage.Closed;
        }

        if (!incident.Stage.IsOpen() && action != IncidentAction.AddNote && action != IncidentAction.AddAttachment && action != IncidentAction.ManageWorkers)
        {
            return false;
        }

        return action switch
        {
            IncidentAction.ReassignStep => actor.IsIn(Roles.FederationDutyOfficer),
            IncidentAction.AddTask => actor.IsIn(Roles.FederationDutyOfficer) || incident.Engagements.Any(actor.IsLiaisonFor),
            IncidentAction.ChangeGrade => (actor.IsIn(Roles.TownChair) && actor.TownId == incident.TownId) || actor.IsIn(Roles.FederationDutyOfficer),
            IncidentAction.Acknowledge or IncidentAction.CompleteTask => incident.Engagements.Any(actor.IsLiaisonFor),
            IncidentAction.AddNote or IncidentAction.AddAttachment => townSide || incident.Engagements.Any(actor.IsLiaisonFor),
            _ => townSide,
        };
    }

    public static bool MayMove(Actor actor, Incident incident, StageTransitions.Transition transition) =>
        transition.CityRoles.Any(actor.IsIn)
        || (transition.TownRoles.Any(actor.IsIn) && actor.TownId == incident.TownId);

    public static void Demand(Actor actor, Incident incident, IncidentAction action)
    {
        if (!Can(actor, incident, action))
        {
            throw new DomainException("incident.not-allowed", $"{actor.Name} may not {action} incident {incident.Number} at stage {incident.Stage}.");
        }
    }
}
