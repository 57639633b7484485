using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Incidents.Commands;

/// <summary>Stops a step's clock with the reason (waiting for a court, say): a paused step does not escalate.</summary>
public sealed record PauseStep(string Number, Guid StepId, string Reason) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.PauseStep(actor, StepId, Reason, context.NowUtc);
}

public sealed record ResumeStep(string Number, Guid StepId) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.ResumeStep(actor, StepId, context.NowUtc);
}

/// <summary>改派: the duty officer gives a step to another organisation, with the reason.</summary>
public sealed record ReassignStep(string Number, Guid StepId, int OrganisationId, string Reason) : IncidentCommand(Number)
{
    internal override async Task ApplyAsync(Incident incident, Actor actor, IncidentContext context, CancellationToken cancellationToken)
    {
        var step = incident.Steps.SingleOrDefault(s => s.Id == StepId) ?? throw new DomainException("incident.step-missing", $"No step {StepId}.");
        var from = await OwnerAsync(context.Db, step.OwnerOrganisationId, step.OwnerRole, cancellationToken);
        var to = await OwnerAsync(context.Db, OrganisationId, null, cancellationToken);
        incident.ReassignStep(actor, StepId, from, to, Reason, context.NowUtc);
    }

    /// <summary>The role that answers in an organisation follows from its kind.</summary>
    public static string RoleFor(OrganisationKind kind) => kind switch
    {
        OrganisationKind.TownUnion => Roles.TownOfficer,
        OrganisationKind.Department or OrganisationKind.DepartmentBranch => Roles.DepartmentLiaison,
        _ => Roles.FederationDutyOfficer,
    };

    private static async Task<OwnerRef> OwnerAsync(DisputesDbContext db, int organisationId, string? role, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
            ?? throw new DomainException("incident.owner-missing", $"No organisation {organisationId}.");
        return new OwnerRef(organisation.Id, role ?? RoleFor(organisation.Kind), organisation.Name, organisation.NameEn);
    }
}
