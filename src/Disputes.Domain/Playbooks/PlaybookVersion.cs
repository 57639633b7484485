using System.Text.Json;
using System.Text.Json.Serialization;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;

namespace Disputes.Domain.Playbooks;

/// <summary>
/// One saved version of the emergency plan, kept unchanged so an assessor can see what the plan was when an
/// incident was planned. The plan itself is a JSON snapshot: it is read whole, never queried.
/// </summary>
public sealed class PlaybookVersion
{
    private PlaybookVersion()
    {
    }

    public int Version { get; private set; }

    public DateTime SavedAtUtc { get; private set; }

    public string SavedBy { get; private set; } = string.Empty;

    /// <summary>The plan as <see cref="PlaybookSnapshot"/> JSON.</summary>
    public string Snapshot { get; private set; } = string.Empty;

    /// <summary>The playbook as it stands: its version, its last change and its contents.</summary>
    public static PlaybookVersion Of(Playbook playbook) => new()
    {
        Version = playbook.Version,
        SavedAtUtc = playbook.UpdatedAtUtc,
        SavedBy = playbook.UpdatedBy,
        Snapshot = PlaybookSnapshot.Of(playbook).ToJson(),
    };

    public PlaybookSnapshot ReadSnapshot() => PlaybookSnapshot.FromJson(Snapshot);
}

/// <summary>
/// What a version of the plan said. Its own types rather than the playbook's, so versions already kept stay
/// readable when the playbook's shape changes.
/// </summary>
public sealed record PlaybookSnapshot(
    IReadOnlyList<PlaybookSnapshot.Duration> Durations,
    IReadOnlyList<PlaybookSnapshot.Requirement> Requirements,
    PlaybookSnapshot.Thresholds Grading,
    int Level2AfterMinutes,
    int Level3AfterMinutes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static PlaybookSnapshot Of(Playbook playbook) => new(
        playbook.Durations.OrderBy(d => d.Kind).ThenBy(d => d.Band).Select(d => new Duration(d.Kind, d.Band, d.Minutes)).ToList(),
        playbook.Requirements.OrderBy(r => r.Type).ThenBy(r => r.Department).Select(r => new Requirement(r.Type, r.Department)).ToList(),
        new Thresholds(playbook.Grading.WorkersForGradeI, playbook.Grading.WorkersForGradeII, playbook.Grading.WorkersForGradeIII,
            playbook.Grading.WagesFenForGradeI, playbook.Grading.WagesFenForGradeII, playbook.Grading.WagesFenForGradeIII),
        playbook.Level2AfterMinutes,
        playbook.Level3AfterMinutes);

    public static PlaybookSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<PlaybookSnapshot>(json, Json) ?? throw new JsonException("A playbook snapshot is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public sealed record Duration(PlanStepKind Kind, GradeBand Band, int Minutes);

    public sealed record Requirement(IncidentType Type, DepartmentKind Department);

    public sealed record Thresholds(int WorkersForGradeI, int WorkersForGradeII, int WorkersForGradeIII,
        long WagesFenForGradeI, long WagesFenForGradeII, long WagesFenForGradeIII);
}
