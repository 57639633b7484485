using Disputes.Domain.Incidents;

namespace Disputes.Web.Features.Incidents.Commands;

/// <summary>A guarded stage move: respond, begin resolving, resolve, reopen.</summary>
public sealed record MoveStage(string Number, Guid Seen, IncidentAction Action) : IncidentCommand(Number, Seen)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.Move(actor, Action, context.NowUtc);
}

/// <summary>结案. Without a date the follow-up visit goes where the playbook puts it.</summary>
public sealed record CloseIncident(string Number, Guid Seen, string Outcome, string Referrals, string LessonsLearned, Disputes.Domain.Money Recovered,
    DateOnly? FollowUpDate) : IncidentCommand(Number, Seen)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) =>
        incident.Close(actor, new Closure(Outcome, Referrals, LessonsLearned,
            FollowUpDate ?? Closure.DefaultFollowUpDate(context.Playbook, incident.Grade, context.NowUtc), Recovered), context.NowUtc);
}

/// <summary>撤销: a duplicate or false report.</summary>
public sealed record CancelIncident(string Number, Guid Seen, string Reason) : IncidentCommand(Number, Seen)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.Cancel(actor, Reason, context.NowUtc);
}

/// <summary>回访, with what the visit found.</summary>
public sealed record CompleteFollowUp(string Number, bool WagesPaid, bool WorkersSettled, string Findings) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) =>
        incident.CompleteFollowUp(actor, WagesPaid, WorkersSettled, Findings, context.NowUtc);
}
