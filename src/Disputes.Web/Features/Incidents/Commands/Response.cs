using Disputes.Domain.Incidents;

namespace Disputes.Web.Features.Incidents.Commands;

/// <summary>到场, at the time the officer tapped (it may reach the server later over a weak connection).</summary>
public sealed record ConfirmArrival(string Number, DateTime ArrivedAtUtc) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.ConfirmArrival(actor, ArrivedAtUtc, context.NowUtc);
}

/// <summary>初报.</summary>
public sealed record ReportUpward(string Number, string Text) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.ReportUpward(actor, Text, context.NowUtc);
}

/// <summary>书面报告.</summary>
public sealed record SubmitWrittenReport(string Number, string Text) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.SubmitWrittenReport(actor, Text, context.NowUtc);
}

/// <summary>进展续报.</summary>
public sealed record AddProgressNote(string Number, string Text) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.AddProgressNote(actor, Text, context.Playbook, context.NowUtc);
}

/// <summary>A photo or document, already stored and checked (see <see cref="AttachmentUploads"/>).</summary>
public sealed record AddAttachment(string Number, Attachment Attachment) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.AddAttachment(actor, Attachment, context.NowUtc);
}
