using Disputes.Domain.Organisations;

namespace Disputes.Domain.Incidents;

/// <summary>
/// Who is acting, as far as the domain cares: their roles and where they sit. Built from the signed-in
/// user; the domain never sees HTTP or Identity.
/// </summary>
public sealed record Actor(
    string UserId,
    string Name,
    IReadOnlySet<string> Roles,
    int OrganisationId,
    OrganisationKind OrganisationKind,
    int? TownId,
    DepartmentKind? Department)
{
    /// <summary>Where the user acts from, for the audit trail; null for the system and where no request tells.</summary>
    public string? ClientAddress { get; init; }

    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Federation duty officers and city leaders see the whole city. The administrators see no case at all.</summary>
    public bool SeesWholeCity => IsIn(Domain.Roles.FederationDutyOfficer) || IsIn(Domain.Roles.CityLeader);

    public bool IsTownUser => IsIn(Domain.Roles.TownOfficer) || IsIn(Domain.Roles.TownChair);

    /// <summary>A town officer or chair of the incident's own town.</summary>
    public bool IsOfTown(int townId) => IsTownUser && TownId == townId;

    /// <summary>A liaison of the department drawn into this engagement: its own office, or the city department of that kind.</summary>
    public bool IsLiaisonFor(Engagement engagement) =>
        IsIn(Domain.Roles.DepartmentLiaison)
        && (engagement.OrganisationId == OrganisationId
            || (OrganisationKind == OrganisationKind.Department && Department == engagement.Department));
}
