using Disputes.Domain.Organisations;

namespace Disputes.Domain.Incidents;

/// <summary>A task of an engaged department. <see cref="Key"/> names a standard task (localised); <see cref="Text"/> is a custom one.</summary>
public sealed class EngagementTask
{
    public const int TextMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string? Key { get; init; }
    public string? Text { get; init; }
    public DateTime? DoneAtUtc { get; private set; }
    public string? DoneBy { get; private set; }

    /// <returns>False when it was already done (a retried click).</returns>
    internal bool Complete(string by, DateTime nowUtc)
    {
        if (DoneAtUtc is not null)
        {
            return false;
        }

        DoneAtUtc = nowUtc;
        DoneBy = by;
        return true;
    }
}

/// <summary>联动: a department drawn into an incident, its acknowledgement (签收) and its tasks.</summary>
public sealed class Engagement
{
    private static readonly Dictionary<DepartmentKind, string[]> StandardTasks = new()
    {
        [DepartmentKind.LaborInspection] = ["Task.LaborInspection.VerifyArrears", "Task.LaborInspection.RectificationOrder"],
        [DepartmentKind.Police] = ["Task.Police.LocateOwner", "Task.Police.ReferWageCrime"],
        [DepartmentKind.Justice] = ["Task.Justice.LegalAid", "Task.Justice.Mediation"],
        [DepartmentKind.Petition] = ["Task.Petition.RegisterPetition"],
        [DepartmentKind.Safety] = ["Task.Safety.SiteHazards"],
        [DepartmentKind.PoliticalLegal] = ["Task.PoliticalLegal.Coordinate"],
    };

    private List<EngagementTask> _tasks = [];

    private Engagement()
    {
    }

    internal Engagement(DepartmentKind department, int organisationId, string by, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        Department = department;
        OrganisationId = organisationId;
        EngagedBy = by;
        EngagedAtUtc = nowUtc;
        _tasks = StandardTasks[department].Select(key => new EngagementTask { Key = key }).ToList();
    }

    public Guid Id { get; private set; }

    public DepartmentKind Department { get; private set; }

    /// <summary>The office that answers: the department's town branch where there is one, else the city department.</summary>
    public int OrganisationId { get; private set; }

    public DateTime EngagedAtUtc { get; private set; }

    public string EngagedBy { get; private set; } = string.Empty;

    public DateTime? AcknowledgedAtUtc { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public IReadOnlyList<EngagementTask> Tasks => _tasks.AsReadOnly();

    public bool IsAcknowledged => AcknowledgedAtUtc is not null;

    internal EngagementTask AddTask(string text)
    {
        var task = new EngagementTask { Text = text };
        _tasks.Add(task);
        return task;
    }

    internal bool Acknowledge(string by, DateTime nowUtc)
    {
        if (IsAcknowledged)
        {
            return false;
        }

        AcknowledgedAtUtc = nowUtc;
        AcknowledgedBy = by;
        return true;
    }
}
