using System.Text.Json;
using System.Text.Json.Serialization;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;

namespace Disputes.Domain.Incidents.History;

/// <summary>Which plan step an event is about, as the narrator names it: kind, department, progress-update count, task text.</summary>
public sealed record StepRef(PlanStepKind Kind, DepartmentKind? Department = null, int Sequence = 1, string? Task = null);

/// <summary>Who owns a step: an organisation (named in both languages, as it was called then) and the role that answers in it.</summary>
public sealed record OwnerRef(int OrganisationId, string Role, string Name, string NameEn);

/// <summary>A field corrected after logging; values in invariant form (fen for money, the flag number for facts).</summary>
public sealed record FieldChange(IncidentField Field, string Before, string After);

public enum IncidentField
{
    Workers,
    Wages,
    Months,
    Location,
    Facts,
    Description,
}

/// <summary>
/// Something that happened to an incident. The aggregate raises one for every change; it is stored as the timeline's
/// kind and payload in the same transaction, and read back by the narrator, the live messages and (later) exports,
/// the bulletin and the audit trail. The record's name is its <see cref="TimelineKind"/>. Texts are stored as typed.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(Logged), nameof(Logged))]
[JsonDerivedType(typeof(GradeSuggested), nameof(GradeSuggested))]
[JsonDerivedType(typeof(ArrivedOnScene), nameof(ArrivedOnScene))]
[JsonDerivedType(typeof(ReportedUpward), nameof(ReportedUpward))]
[JsonDerivedType(typeof(WrittenReport), nameof(WrittenReport))]
[JsonDerivedType(typeof(DepartmentEngaged), nameof(DepartmentEngaged))]
[JsonDerivedType(typeof(EngagementAcknowledged), nameof(EngagementAcknowledged))]
[JsonDerivedType(typeof(TaskAdded), nameof(TaskAdded))]
[JsonDerivedType(typeof(TaskDone), nameof(TaskDone))]
[JsonDerivedType(typeof(Note), nameof(Note))]
[JsonDerivedType(typeof(StepPaused), nameof(StepPaused))]
[JsonDerivedType(typeof(StepResumed), nameof(StepResumed))]
[JsonDerivedType(typeof(StepReassigned), nameof(StepReassigned))]
[JsonDerivedType(typeof(GradeChanged), nameof(GradeChanged))]
[JsonDerivedType(typeof(TypeCorrected), nameof(TypeCorrected))]
[JsonDerivedType(typeof(StageChanged), nameof(StageChanged))]
[JsonDerivedType(typeof(DetailsChanged), nameof(DetailsChanged))]
[JsonDerivedType(typeof(AttachmentAdded), nameof(AttachmentAdded))]
[JsonDerivedType(typeof(WorkersImported), nameof(WorkersImported))]
[JsonDerivedType(typeof(RecoveryRecorded), nameof(RecoveryRecorded))]
[JsonDerivedType(typeof(Closed), nameof(Closed))]
[JsonDerivedType(typeof(Cancelled), nameof(Cancelled))]
[JsonDerivedType(typeof(FollowUpCompleted), nameof(FollowUpCompleted))]
[JsonDerivedType(typeof(Escalated), nameof(Escalated))]
public abstract record IncidentEvent
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowOutOfOrderMetadataProperties = true,
    };

    [JsonIgnore]
    public TimelineKind Kind => Enum.Parse<TimelineKind>(GetType().Name);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IncidentEvent FromJson(string json) =>
        JsonSerializer.Deserialize<IncidentEvent>(json, Json) ?? throw new JsonException("An empty timeline payload.");

    public sealed record Logged(string Number, IncidentType Type, SeverityGrade Grade, int WorkersInvolved, long WagesOwedFen, int PlaybookVersion) : IncidentEvent;

    /// <summary>The grade the plan suggests for the facts as they stand (at logging, and after a correction changes it).</summary>
    public sealed record GradeSuggested(SeverityGrade Grade) : IncidentEvent;

    public sealed record ArrivedOnScene(DateTime ArrivedAtUtc) : IncidentEvent;

    public sealed record ReportedUpward(string Text) : IncidentEvent;

    public sealed record WrittenReport(string Text) : IncidentEvent;

    public sealed record DepartmentEngaged(DepartmentKind Department) : IncidentEvent;

    public sealed record EngagementAcknowledged(DepartmentKind Department) : IncidentEvent;

    public sealed record TaskAdded(DepartmentKind Department, string Text, DateTime? DueAtUtc) : IncidentEvent;

    /// <summary><paramref name="TaskKey"/> names a standard task (localised); <paramref name="TaskText"/> is a custom one.</summary>
    public sealed record TaskDone(DepartmentKind Department, string? TaskKey, string? TaskText) : IncidentEvent;

    public sealed record Note(string Text) : IncidentEvent;

    public sealed record StepPaused(StepRef Step, string Reason) : IncidentEvent;

    public sealed record StepResumed(StepRef Step) : IncidentEvent;

    public sealed record StepReassigned(StepRef Step, OwnerRef From, OwnerRef To, string Reason) : IncidentEvent;

    public sealed record GradeChanged(SeverityGrade From, SeverityGrade To, string Reason) : IncidentEvent;

    /// <summary>The type corrected; the plan now requires <paramref name="Added"/> and no longer <paramref name="Dropped"/>.</summary>
    public sealed record TypeCorrected(IncidentType From, IncidentType To, string Reason, IReadOnlyList<DepartmentKind> Added, IReadOnlyList<DepartmentKind> Dropped) : IncidentEvent;

    public sealed record StageChanged(Stage From, Stage To) : IncidentEvent;

    /// <summary>Facts corrected after logging; an empty list is a correction recorded before the changes were kept field by field.</summary>
    public sealed record DetailsChanged(IReadOnlyList<FieldChange> Changes) : IncidentEvent;

    public sealed record AttachmentAdded(string FileName) : IncidentEvent;

    public sealed record WorkersImported(int Count, long TotalOwedFen) : IncidentEvent;

    public sealed record RecoveryRecorded(string WorkerName, long AmountFen, RecoverySource Source) : IncidentEvent;

    public sealed record Closed(string Outcome, long RecoveredFen, DateOnly FollowUpDate) : IncidentEvent;

    public sealed record Cancelled(string Reason) : IncidentEvent;

    /// <summary>回访: what the visit found.</summary>
    public sealed record FollowUpCompleted(bool WagesPaid, bool WorkersSettled, string Findings) : IncidentEvent;

    /// <summary>The ladder climbed for <paramref name="Step"/> (null: a grade I–II incident told to the city leaders); <paramref name="Told"/> names who was told.</summary>
    public sealed record Escalated(int Level, StepRef? Step, IReadOnlyList<string> Told) : IncidentEvent;
}
