using Disputes.Domain.Organisations;

namespace Disputes.Domain.Incidents;

/// <summary>A time the step stood still, and why (waiting for a court, say). A paused step does not escalate.</summary>
public sealed class StepPause
{
    public DateTime StartedAtUtc { get; init; }
    public DateTime? EndedAtUtc { get; set; }
    public string Reason { get; init; } = string.Empty;
    public string By { get; init; } = string.Empty;
}

/// <summary>One timed obligation of the emergency plan, with its owner and its due time in UTC.</summary>
public sealed class PlanStep
{
    private readonly List<StepPause> _pauses = [];

    private PlanStep()
    {
    }

    internal PlanStep(PlanStepKind kind, DepartmentKind? department, int sequence, int ownerOrganisationId, string ownerRole, DateTime startsAtUtc, TimeSpan duration,
        Guid? taskId = null)
    {
        TaskId = taskId;
        Id = Guid.CreateVersion7();
        Kind = kind;
        Department = department;
        Sequence = sequence;
        OwnerOrganisationId = ownerOrganisationId;
        OwnerRole = ownerRole;
        StartsAtUtc = startsAtUtc;
        DueAtUtc = startsAtUtc + duration;
    }

    public Guid Id { get; private set; }

    public PlanStepKind Kind { get; private set; }

    /// <summary>For engaging and acknowledging: which department.</summary>
    public DepartmentKind? Department { get; private set; }

    /// <summary>Counts progress updates (1, 2, …); 1 for every other step.</summary>
    public int Sequence { get; private set; }

    public int OwnerOrganisationId { get; private set; }

    public string OwnerRole { get; private set; } = string.Empty;

    /// <summary>When the clock started: the due time is this plus the plan's duration plus any time paused.</summary>
    public DateTime StartsAtUtc { get; private set; }

    public DateTime DueAtUtc { get; private set; }

    public DateTime? CompletedAtUtc { get; private set; }

    public string? CompletedBy { get; private set; }

    /// <summary>Set when the incident closes or is cancelled with the step still open: it no longer counts.</summary>
    public DateTime? CancelledAtUtc { get; private set; }

    /// <summary>For a <see cref="PlanStepKind.Task"/> step: the engagement task it times.</summary>
    public Guid? TaskId { get; private set; }

    public IReadOnlyList<StepPause> Pauses => _pauses.AsReadOnly();

    /// <summary>Set while paused: a column of its own, so "overdue and not paused" is one query on both providers.</summary>
    public DateTime? PausedSinceUtc { get; private set; }

    public bool IsOpen => CompletedAtUtc is null && CancelledAtUtc is null;

    public bool IsPaused => PausedSinceUtc is not null;

    public TimeSpan PausedTotal => Pauses.Where(p => p.EndedAtUtc is not null)
        .Aggregate(TimeSpan.Zero, (total, p) => total + (p.EndedAtUtc!.Value - p.StartedAtUtc));

    public bool IsOverdue(DateTime nowUtc) => IsOpen && !IsPaused && nowUtc > DueAtUtc;

    /// <returns>False when it was already complete (a retried click).</returns>
    internal bool Complete(string by, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return false;
        }

        if (IsPaused)
        {
            Resume(nowUtc);
        }

        CompletedAtUtc = nowUtc;
        CompletedBy = by;
        return true;
    }

    internal void Cancel(DateTime nowUtc)
    {
        if (IsOpen)
        {
            CancelledAtUtc = nowUtc;
        }
    }

    internal void Pause(string reason, string by, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            throw new DomainException("step.not-open", "Only an open step can be paused.");
        }

        if (!IsPaused)
        {
            _pauses.Add(new StepPause { StartedAtUtc = nowUtc, Reason = reason, By = by });
            PausedSinceUtc = nowUtc;
        }
    }

    /// <summary>The due time moves on by the time the step stood paused.</summary>
    internal bool Resume(DateTime nowUtc)
    {
        var pause = Pauses.SingleOrDefault(p => p.EndedAtUtc is null);
        if (pause is null)
        {
            return false;
        }

        pause.EndedAtUtc = nowUtc;
        PausedSinceUtc = null;
        DueAtUtc += nowUtc - pause.StartedAtUtc;
        return true;
    }

    internal void Reassign(int ownerOrganisationId, string ownerRole)
    {
        OwnerOrganisationId = ownerOrganisationId;
        OwnerRole = ownerRole;
    }

    /// <summary>A new grade brings new durations; time already paused still counts in the step's favour.</summary>
    internal void Replan(TimeSpan duration) => DueAtUtc = StartsAtUtc + duration + PausedTotal;
}
