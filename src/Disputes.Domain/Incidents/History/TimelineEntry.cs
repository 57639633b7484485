namespace Disputes.Domain.Incidents.History;

/// <summary>What kind of thing happened: the name of its <see cref="IncidentEvent"/> record, stored as a string.</summary>
public enum TimelineKind
{
    Logged,
    GradeSuggested,
    ArrivedOnScene,
    ReportedUpward,
    WrittenReport,
    DepartmentEngaged,
    EngagementAcknowledged,
    TaskAdded,
    TaskDone,
    Note,
    StepPaused,
    StepResumed,
    StepReassigned,
    GradeChanged,
    TypeCorrected,
    StageChanged,
    DetailsChanged,
    AttachmentAdded,
    WorkersImported,
    RecoveryRecorded,
    Closed,
    Cancelled,
    FollowUpCompleted,
    Escalated,
}

/// <summary>
/// One line of the append-only record of an incident: its place in the incident's order (1, 2, … without gaps),
/// who, when, and the event as a typed payload. Never edited; a correction is a new entry.
/// </summary>
public sealed class TimelineEntry
{
    /// <summary>The actor of entries the system writes by itself (escalations).</summary>
    public const string SystemUserId = "system";

    private IncidentEvent? _event;

    private TimelineEntry()
    {
    }

    internal TimelineEntry(int sequence, IncidentEvent happened, string actorUserId, string actorName, DateTime atUtc)
    {
        Id = Guid.CreateVersion7();
        Sequence = sequence;
        Kind = happened.Kind;
        Payload = happened.ToJson();
        ActorUserId = actorUserId;
        ActorName = actorName;
        AtUtc = atUtc;
        _event = happened;
    }

    public Guid Id { get; private set; }

    /// <summary>1 for the first entry of an incident, then one more for each; unique per incident.</summary>
    public int Sequence { get; private set; }

    public TimelineKind Kind { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string ActorUserId { get; private set; } = string.Empty;

    public string ActorName { get; private set; } = string.Empty;

    /// <summary>The event as JSON (<see cref="IncidentEvent.ToJson"/>): what the kind needs to be told again, nothing more.</summary>
    public string Payload { get; private set; } = "{}";

    public bool IsBySystem => ActorUserId == SystemUserId;

    public IncidentEvent Event => _event ??= IncidentEvent.FromJson(Payload);
}
