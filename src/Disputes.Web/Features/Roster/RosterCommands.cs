using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;

namespace Disputes.Web.Features.Roster;

/// <summary>Adds roster lines; a worker already on the roster is skipped. The result counts those added.</summary>
public sealed record ImportWorkers(string Number, IReadOnlyList<WorkerClaim> Workers) : IncidentCommand(Number)
{
    internal override bool WithWorkers => true;

    internal override void Apply(Incident incident, Actor actor, IncidentContext context) =>
        context.Count = incident.ImportWorkers(actor, Workers, context.NowUtc);
}

/// <summary>What was recovered for one worker, from which source.</summary>
public sealed record RecordRecovery(string Number, Guid WorkerId, Money Amount, RecoverySource Source, string Note) : IncidentCommand(Number)
{
    internal override bool WithWorkers => true;

    internal override void Apply(Incident incident, Actor actor, IncidentContext context) =>
        incident.RecordRecovery(actor, WorkerId, Amount, Source, Note, context.NowUtc);
}
