using System.Linq.Expressions;
using Disputes.Domain.Organisations;

namespace Disputes.Domain.Incidents;

/// <summary>A department's office drawn into an incident.</summary>
public sealed record EngagedOffice(int OrganisationId, DepartmentKind Department);

/// <summary>
/// What a user is granted to see, from their roles and organisation: the whole city; their town (town officers and
/// chairs); incidents their office is engaged on (department liaisons); incidents their department is engaged on
/// anywhere (liaisons of a city department). A user with several roles holds the union of their grants.
/// </summary>
public sealed record AudienceGrant(bool City, IReadOnlyList<int> Towns, IReadOnlyList<int> Offices, IReadOnlyList<DepartmentKind> Departments)
{
    /// <summary>The names of the hub groups a connection of this user joins: one per grant.</summary>
    public IReadOnlyList<string> Groups =>
    [
        .. City ? [IncidentAudience.CityGroup] : Array.Empty<string>(),
        .. Towns.Select(IncidentAudience.TownGroup),
        .. Offices.Select(IncidentAudience.OfficeGroup),
        .. Departments.Select(IncidentAudience.DepartmentGroup),
    ];
}

/// <summary>
/// The one audience rule: who may see an incident follows from its town and its engaged offices, and nothing else.
/// The database query (<see cref="Filter"/>), the live-message filter (<see cref="Includes"/>) and the hub groups
/// (<see cref="Groups"/> against <see cref="AudienceGrant.Groups"/>) are three readings of the same grant; a parity
/// test keeps them equal.
/// </summary>
public sealed record IncidentAudience(int TownId, IReadOnlyList<EngagedOffice> Engaged)
{
    public const string CityGroup = "city";

    public static IncidentAudience Of(Incident incident) =>
        new(incident.TownId, incident.Engagements.Select(e => new EngagedOffice(e.OrganisationId, e.Department)).Distinct().ToList());

    public static AudienceGrant GrantOf(Actor actor)
    {
        var liaison = actor.IsIn(Roles.DepartmentLiaison);
        return new AudienceGrant(
            City: actor.SeesWholeCity,
            Towns: actor.IsTownUser && actor.TownId is { } town ? [town] : [],
            Offices: liaison ? [actor.OrganisationId] : [],
            Departments: liaison && actor.OrganisationKind == OrganisationKind.Department && actor.Department is { } d ? [d] : []);
    }

    public static string TownGroup(int townId) => $"town:{townId}";

    public static string OfficeGroup(int organisationId) => $"org:{organisationId}";

    public static string DepartmentGroup(DepartmentKind department) => $"dept:{department}";

    /// <summary>Every hub group whose members may see this incident.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Groups =>
    [
        CityGroup,
        TownGroup(TownId),
        .. Engaged.Select(e => OfficeGroup(e.OrganisationId)).Distinct(),
        .. Engaged.Select(e => DepartmentGroup(e.Department)).Distinct(),
    ];

    public bool Includes(Actor actor) => Includes(GrantOf(actor));

    public bool Includes(AudienceGrant grant) =>
        grant.City
        || grant.Towns.Contains(TownId)
        || Engaged.Any(e => grant.Offices.Contains(e.OrganisationId) || grant.Departments.Contains(e.Department));

    /// <summary>The same rule as a query over incidents, for every provider (only the parts the grant holds).</summary>
    public static Expression<Func<Incident, bool>> Filter(Actor actor)
    {
        var grant = GrantOf(actor);
        if (grant.City)
        {
            return _ => true;
        }

        var towns = grant.Towns.ToList();
        var offices = grant.Offices.ToList();
        var departments = grant.Departments.ToList();
        return (towns.Count, offices.Count + departments.Count) switch
        {
            (0, 0) => _ => false,
            (_, 0) => i => towns.Contains(i.TownId),
            (0, _) => i => i.Engagements.Any(e => offices.Contains(e.OrganisationId) || departments.Contains(e.Department)),
            _ => i => towns.Contains(i.TownId) || i.Engagements.Any(e => offices.Contains(e.OrganisationId) || departments.Contains(e.Department)),
        };
    }
}
