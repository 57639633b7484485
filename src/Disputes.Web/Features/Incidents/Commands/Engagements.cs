using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;

namespace Disputes.Web.Features.Incidents.Commands;

/// <summary>联动: draws departments in, each through the office that answers for the incident's town.</summary>
public sealed record EngageDepartments(string Number, IReadOnlyList<DepartmentKind> Departments) : IncidentCommand(Number)
{
    internal override async Task ApplyAsync(Incident incident, Actor actor, IncidentContext context, CancellationToken cancellationToken)
    {
        // Before any office is looked up: an unknown department has none, and nothing is engaged when one is asked for.
        if (Departments.Where(d => !Enum.IsDefined(d)).Select(d => (int)d).ToList() is { Count: > 0 } unknown)
        {
            throw new Disputes.Domain.DomainException("incident.department-unknown", $"Not departments: {string.Join(", ", unknown)}.");
        }

        foreach (var department in Departments.Distinct())
        {
            var office = await IncidentContext.OfficeForAsync(context.Db, department, incident.TownId, cancellationToken);
            incident.EngageDepartment(actor, department, office, context.Playbook, context.NowUtc);
        }
    }
}

/// <summary>签收.</summary>
public sealed record Acknowledge(string Number, Guid EngagementId) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.Acknowledge(actor, EngagementId, context.NowUtc);
}

public sealed record CompleteTask(string Number, Guid EngagementId, Guid TaskId) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.CompleteTask(actor, EngagementId, TaskId, context.NowUtc);
}

/// <summary>A task beyond the plan's defaults; with a due time it escalates like any step.</summary>
public sealed record AddTask(string Number, Guid EngagementId, string Text, DateTime? DueAtUtc) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context) => incident.AddTask(actor, EngagementId, Text, DueAtUtc, context.NowUtc);
}
