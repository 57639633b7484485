namespace Disputes.Domain.Incidents;

/// <summary>Who may move an incident from which stage to which: the one table the domain and the screens both read.</summary>
public static class StageTransitions
{
    /// <param name="TownRoles">Roles that may make the move on their own town's incidents.</param>
    /// <param name="CityRoles">Roles that may make it on any incident.</param>
    public sealed record Transition(IncidentAction Action, IReadOnlySet<Stage> From, Stage To, IReadOnlySet<string> TownRoles, IReadOnlySet<string> CityRoles);

    private static readonly HashSet<string> TownStaff = [Roles.TownOfficer, Roles.TownChair];
    private static readonly HashSet<string> TownChair = [Roles.TownChair];
    private static readonly HashSet<string> DutyOfficer = [Roles.FederationDutyOfficer];

    public static IReadOnlyList<Transition> All { get; } =
    [
        new(IncidentAction.Respond, new HashSet<Stage> { Stage.Reported }, Stage.Responding, TownStaff, DutyOfficer),
        new(IncidentAction.BeginResolving, new HashSet<Stage> { Stage.Responding }, Stage.Resolving, TownStaff, DutyOfficer),
        new(IncidentAction.Resolve, new HashSet<Stage> { Stage.Resolving }, Stage.Resolved, TownChair, DutyOfficer),
        new(IncidentAction.Reopen, new HashSet<Stage> { Stage.Resolved }, Stage.Resolving, TownChair, DutyOfficer),
        new(IncidentAction.Close, new HashSet<Stage> { Stage.Resolved }, Stage.Closed, TownChair, DutyOfficer),
        new(IncidentAction.Cancel, new HashSet<Stage> { Stage.Reported, Stage.Responding }, Stage.Cancelled, TownChair, DutyOfficer),
    ];

    public static Transition? For(IncidentAction action) => All.FirstOrDefault(t => t.Action == action);
}
