using System.Globalization;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;

namespace Disputes.Web.Features.Board;

/// <summary>What happened to an incident within the board's period (<see cref="BoardFilter.FromUtc"/>, <see cref="BoardFilter.ToUtc"/>).</summary>
public enum BoardEvent
{
    /// <summary>Logged in the period.</summary>
    Logged,

    /// <summary>Closed in the period.</summary>
    Closed,

    /// <summary>Escalated in the period (at <see cref="BoardFilter.Level"/>, unread by everyone it went to when <see cref="BoardFilter.Unread"/>).</summary>
    Escalated,

    /// <summary>A step (of <see cref="BoardFilter.Step"/>'s kind) completed in the period.</summary>
    Done,

    /// <summary>A step counted by the on-time share fell due in the period (<see cref="Monitoring.Measures.DueIn"/>).</summary>
    Due,
}

/// <summary>
/// What the board shows. It lives in the URL query string (<see cref="ToQuery"/>, <see cref="FromQuery"/>), so a
/// filtered board can be shared as a link and the back button undoes a filter. Every figure of the monitoring wall
/// is such a link: the filters below are the populations of <see cref="Monitoring.Measures"/>.
/// </summary>
public sealed record BoardFilter
{
    public const string AllStages = "all";

    public int? TownId { get; init; }

    public IncidentType? Type { get; init; }

    public SeverityGrade? Grade { get; init; }

    /// <summary>One stage; when null, <see cref="AnyStage"/> decides between every stage and the open ones (the default).</summary>
    public Stage? Stage { get; init; }

    public bool AnyStage { get; init; }

    public bool OverdueOnly { get; init; }

    /// <summary>With <see cref="OverdueOnly"/>: only an overdue step of this kind counts.</summary>
    public PlanStepKind? OverdueKind { get; init; }

    /// <summary>Part of an incident number or of an enterprise's name.</summary>
    public string? Search { get; init; }

    /// <summary>
    /// An engaged department. With <see cref="BoardEvent.Escalated"/>, <see cref="BoardEvent.Done"/> or
    /// <see cref="BoardEvent.Due"/>, the step in question is the department's own (its acknowledgement or a timed task).
    /// </summary>
    public DepartmentKind? Department { get; init; }

    /// <summary>The period's start, inclusive (UTC; in the link, China time).</summary>
    public DateTime? FromUtc { get; init; }

    /// <summary>The period's end, exclusive.</summary>
    public DateTime? ToUtc { get; init; }

    /// <summary>What happened in the period. Without a period, <see cref="BoardEvent.Logged"/> filters nothing; the others mean "ever".</summary>
    public BoardEvent On { get; init; }

    /// <summary>With <see cref="BoardEvent.Done"/>: the kind of step completed.</summary>
    public PlanStepKind? Step { get; init; }

    /// <summary>With <see cref="BoardEvent.Escalated"/>: the level reached.</summary>
    public int? Level { get; init; }

    /// <summary>With <see cref="BoardEvent.Escalated"/>: an escalation nobody it went to has read.</summary>
    public bool Unread { get; init; }

    /// <summary>Wages recovered from this source for one of the incident's workers.</summary>
    public RecoverySource? RecoveredFrom { get; init; }

    public bool HasPeriod => FromUtc is not null || ToUtc is not null;

    /// <summary>Reads a link; a parameter that makes no sense (a hand-edited link) is ignored rather than failing.</summary>
    public static BoardFilter FromQuery(IReadOnlyDictionary<string, string?> query)
    {
        string? Get(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var overdue = Get("overdue");
        var overdueKind = Parse<PlanStepKind>(overdue);
        return new BoardFilter
        {
            TownId = int.TryParse(Get("town"), NumberStyles.None, CultureInfo.InvariantCulture, out var town) ? town : null,
            Type = Parse<IncidentType>(Get("type")),
            Grade = Parse<SeverityGrade>(Get("grade")),
            Stage = Parse<Stage>(Get("stage")),
            AnyStage = Get("stage") == AllStages,
            OverdueOnly = overdueKind is not null || string.Equals(overdue, "true", StringComparison.OrdinalIgnoreCase),
            OverdueKind = overdueKind,
            Search = Get("q"),
            Department = Parse<DepartmentKind>(Get("dept")),
            FromUtc = ParseChinaTime(Get("from")),
            ToUtc = ParseChinaTime(Get("to")),
            On = Parse<BoardEvent>(Get("on")) ?? BoardEvent.Logged,
            Step = Parse<PlanStepKind>(Get("step")),
            Level = int.TryParse(Get("level"), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 3 ? level : null,
            Unread = string.Equals(Get("unread"), "true", StringComparison.OrdinalIgnoreCase),
            RecoveredFrom = Parse<RecoverySource>(Get("recovered")),
        };
    }

    /// <summary>The query-string parameters; defaults are left out (null removes the parameter) so links stay short.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["town"] = TownId?.ToString(CultureInfo.InvariantCulture),
        ["type"] = Type?.ToString(),
        ["grade"] = Grade?.ToString(),
        ["stage"] = Stage?.ToString() ?? (AnyStage ? AllStages : null),
        ["overdue"] = OverdueKind?.ToString() ?? (OverdueOnly ? "true" : null),
        ["q"] = Search,
        ["dept"] = Department?.ToString(),
        ["from"] = FormatChinaTime(FromUtc),
        ["to"] = FormatChinaTime(ToUtc),
        ["on"] = On == BoardEvent.Logged ? null : On.ToString(),
        ["step"] = Step?.ToString(),
        ["level"] = Level?.ToString(CultureInfo.InvariantCulture),
        ["unread"] = Unread ? "true" : null,
        ["recovered"] = RecoveredFrom?.ToString(),
    };

    /// <summary>
    /// The filter a request carries, the board's own link or an export's (<see cref="ToQueryString"/>): the same
    /// parameters as <see cref="ToQuery"/>. A new filter is added to both, and a test round-trips them.
    /// </summary>
    public static BoardFilter FromQuery(Microsoft.AspNetCore.Http.IQueryCollection query) =>
        FromQuery(query.ToDictionary(p => p.Key, p => (string?)p.Value.ToString()));

    /// <summary>"?type=Closure&amp;overdue=true": the filter as a link's query, or empty for the default board.</summary>
    public string ToQueryString() =>
        Microsoft.AspNetCore.Http.QueryString.Create(ToQuery().Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).ToUriComponent();

    /// <summary>"/board?town=7&amp;grade=II": the board showing this filter.</summary>
    public string Href() => "/board" + ToQueryString();

    /// <summary>A China-time instant as the link writes it: "2026-11-01" at midnight, else "2026-11-25T09:30".</summary>
    public static string? FormatChinaTime(DateTime? utc)
    {
        if (utc is not { } at)
        {
            return null;
        }

        var local = ChinaTime.FromUtc(at);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }

    public static DateTime? ParseChinaTime(string? text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
        && ChinaTime.IsWithinCalendar(DateOnly.FromDateTime(local))
            ? DateTime.SpecifyKind(local - ChinaTime.Offset, DateTimeKind.Utc)
            : null;

    private static T? Parse<T>(string? text) where T : struct, Enum =>
        // Names only: a number would parse too, and "42" is not a stage.
        text is { Length: > 0 } && !char.IsAsciiDigit(text[0]) && Enum.TryParse<T>(text, out var value) && Enum.IsDefined(value) ? value : null;
}
