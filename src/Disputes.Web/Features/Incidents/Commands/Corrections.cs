using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Incidents.Commands;

/// <summary>Sets the grade with the reason; the open steps are re-planned on the new band's timers.</summary>
public sealed record ChangeGrade(string Number, Guid Seen, SeverityGrade Grade, string Reason) : IncidentCommand(Number, Seen)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) =>
        incident.ChangeGrade(actor, Grade, Reason, context.Playbook, context.NowUtc);
}

/// <summary>Corrects the facts logged on site; each field's old and new value is kept.</summary>
public sealed record CorrectDetails(string Number, Guid Seen, int Workers, Money Wages, int Months, string Location, AggravatingFacts Facts, string Description)
    : IncidentCommand(Number, Seen)
{
    internal override async Task ApplyAsync(Incident incident, Actor actor, IncidentContext context, CancellationToken cancellationToken) =>
        incident.UpdateDetails(actor, Workers, Wages, Months, Location, Facts, Description, context.Playbook,
            await OwnershipAsync(context, incident, cancellationToken), context.NowUtc);

    internal static Task<Ownership> OwnershipAsync(IncidentContext context, Incident incident, CancellationToken cancellationToken) =>
        context.Db.Enterprises.Where(e => e.Id == incident.EnterpriseId).Select(e => e.Ownership).SingleAsync(cancellationToken);
}

/// <summary>Corrects the type; the plan's required departments follow it.</summary>
public sealed record CorrectType(string Number, Guid Seen, IncidentType Type, string Reason) : IncidentCommand(Number, Seen)
{
    internal override async Task ApplyAsync(Incident incident, Actor actor, IncidentContext context, CancellationToken cancellationToken) =>
        incident.CorrectType(actor, Type, Reason, context.Playbook, await CorrectDetails.OwnershipAsync(context, incident, cancellationToken), context.NowUtc);
}
