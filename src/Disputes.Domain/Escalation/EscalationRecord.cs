namespace Disputes.Domain.Escalation;

public enum EscalationReason
{
    /// <summary>A plan step passed its due time, open and not paused.</summary>
    Overdue,

    /// <summary>A grade I–II incident: city leaders are told as soon as it is logged or re-graded into the band.</summary>
    MajorIncident,
}

/// <summary>
/// 升级: one rung of the ladder that has fired. The database holds one row per step and level (a unique index), so
/// a job and a sweep racing each other, or two app instances, escalate once between them.
/// </summary>
public sealed class EscalationRecord
{
    private EscalationRecord()
    {
    }

    public Guid Id { get; private set; }

    public int IncidentId { get; private set; }

    /// <summary>The overdue step; null for a major-incident alert, which belongs to the incident.</summary>
    public Guid? StepId { get; private set; }

    /// <summary>1 step owner and town chair, 2 federation duty officer, 3 city leaders.</summary>
    public int Level { get; private set; }

    public EscalationReason Reason { get; private set; }

    /// <summary>When this level fell due; never later than <see cref="EscalatedAtUtc"/>.</summary>
    public DateTime DueAtUtc { get; private set; }

    public DateTime EscalatedAtUtc { get; private set; }

    public static EscalationRecord ForStep(int incidentId, Guid stepId, int level, DateTime dueAtUtc, DateTime nowUtc)
    {
        if (nowUtc < dueAtUtc)
        {
            throw new DomainException("escalation.early", $"Level {level} of step {stepId} is due at {dueAtUtc:O}, not {nowUtc:O}.");
        }

        return new EscalationRecord
        {
            Id = Guid.CreateVersion7(),
            IncidentId = incidentId,
            StepId = stepId,
            Level = level,
            Reason = EscalationReason.Overdue,
            DueAtUtc = dueAtUtc,
            EscalatedAtUtc = nowUtc,
        };
    }

    public static EscalationRecord ForMajorIncident(int incidentId, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        IncidentId = incidentId,
        Level = EscalationLadder.CityLeaders,
        Reason = EscalationReason.MajorIncident,
        DueAtUtc = nowUtc,
        EscalatedAtUtc = nowUtc,
    };
}
