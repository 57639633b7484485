namespace Disputes.Domain.Incidents;

public enum TimelineKind
{
    Logged,
    GradeSuggested,
    ArrivedOnScene,
    ReportedUpward,
    WrittenReport,
    DepartmentEngaged,
    EngagementAcknowledged,
    TaskDone,
    Note,
    StepPaused,
    StepResumed,
    GradeChanged,
    StageChanged,
    DetailsChanged,
    AttachmentAdded,
    WorkersImported,
    RecoveryRecorded,
    Closed,
    Cancelled,
    Escalated,
}

/// <summary>
/// One line of the append-only record of an incident: who, when, what. Never edited; a correction is a
/// new entry. <see cref="Text"/> holds what the user wrote or the values that changed, stored as given and
/// shown as plain text.
/// </summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
    }

    internal TimelineEntry(TimelineKind kind, string actorUserId, string actorName, DateTime atUtc, string text)
    {
        Id = Guid.CreateVersion7();
        Kind = kind;
        ActorUserId = actorUserId;
        ActorName = actorName;
        AtUtc = atUtc;
        Text = text;
    }

    /// <summary>
    /// The ladder climbed: written by the escalation engine beside the incident, not through it, so an escalation
    /// never renews the incident's concurrency token under a user who is editing it.
    /// </summary>
    /// <param name="subject">The step's kind and department ("ArriveOnScene", "DepartmentAcknowledges/Police"), or "MajorIncident".</param>
    public static TimelineEntry Escalated(int level, string subject, DateTime nowUtc) =>
        new(TimelineKind.Escalated, SystemUserId, string.Empty, nowUtc, $"{level}|{subject}");

    /// <summary>The actor of entries the system writes by itself.</summary>
    public const string SystemUserId = "system";

    public Guid Id { get; private set; }

    public TimelineKind Kind { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string ActorUserId { get; private set; } = string.Empty;

    public string ActorName { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;
}
