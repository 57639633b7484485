using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Home;

namespace Disputes.Web.Features.Monitoring;

/// <summary>
/// How late the worst overdue step in a cell is, on the escalation ladder's gaps: 0 nothing overdue, 1 overdue (its
/// owners told), 2 past the duty officer's gap, 3 past the city leaders'.
/// </summary>
public sealed record HeatCell(int TownId, SeverityGrade Grade, int Open, int OverdueSteps, DateTime? OldestDueUtc, int Lateness);

/// <summary>An overdue step, the most overdue first: its incident, what it is, who owns it, how far it has escalated.</summary>
public sealed record WallStep(string Number, PlanStepKind Kind, DepartmentKind? Department, int Sequence, OfficeName Owner, string OwnerRole,
    DateTime DueAtUtc, int EscalationLevel);

/// <summary>An escalation as the timeline stored it, for the narrator to tell; unread when nobody it went to has read it.</summary>
public sealed record WallEscalation(string Number, int Level, DateTime AtUtc, IncidentEvent Event, string ActorName, bool Unread);

/// <param name="SinceUtc">The start of "the last 24 hours", to the minute, so that its board link counts the same.</param>
public sealed record WallEscalations(DateTime SinceUtc, int Total, int Unread, IReadOnlyList<WallEscalation> Recent);

public sealed record RecoveredFrom(RecoverySource Source, Money Amount);

/// <summary>The open incidents' totals; the recovery rate is recovered over owed, null when nothing is owed.</summary>
public sealed record WallTotals(int Open, int Workers, Money Owed, IReadOnlyList<RecoveredFrom> Recovered)
{
    public Money RecoveredTotal => Recovered.Aggregate(Money.Zero, (sum, r) => sum + r.Amount);

    public double? RecoveryRate => Owed.Fen > 0 ? (double)RecoveredTotal.Fen / Owed.Fen : null;
}

/// <summary>A calendar month in China and the incidents opened and closed in it.</summary>
public sealed record MonthCount(DateOnly Month, DateTime FromUtc, DateTime ToUtc, int Opened, int Closed);

/// <summary>This month, last month and the same month last year.</summary>
public sealed record MonthComparison(MonthCount This, MonthCount Last, MonthCount YearAgo);

/// <summary>Plan steps completed by their due time out of those counted (<see cref="Measures.DueIn"/>).</summary>
public sealed record Share(int OnTime, int Counted)
{
    public double? Rate => Counted > 0 ? (double)OnTime / Counted : null;
}

/// <summary>A town's response figures over the period; the whole city when <see cref="TownId"/> is null.</summary>
public sealed record TownResponse(int? TownId, Duration Arrive, Duration Report, Duration Resolve, Share OnTime, IReadOnlyList<int> EscalationsByLevel);

/// <summary>A department's over the period; all departments together when <see cref="Department"/> is null.</summary>
public sealed record DepartmentResponse(DepartmentKind? Department, Duration Acknowledge, Share OnTime, IReadOnlyList<int> EscalationsByLevel);

/// <summary>A month of the trend: incidents logged per type, wages owed on them and wages recovered in the month.</summary>
public sealed record TrendMonth(DateOnly Month, DateTime FromUtc, DateTime ToUtc, IReadOnlyDictionary<IncidentType, int> ByType, Money Owed, Money Recovered)
{
    public int Total => ByType.Values.Sum();
}

/// <summary>Everything one wall shows, read in one pass for one audience and period.</summary>
public sealed record WallFigures(
    DateTime AtUtc,
    WallPeriod Period,
    DateTime PeriodFromUtc,
    DateTime PeriodToUtc,
    IReadOnlyList<TownOption> Towns,
    IReadOnlyList<HeatCell> Grid,
    IReadOnlyList<(Stage Stage, int Count)> ByStage,
    IReadOnlyList<(IncidentType Type, int Count)> ByType,
    Listing<WallStep> Overdue,
    IReadOnlyList<(PlanStepKind Kind, int Count)> OverdueByKind,
    WallEscalations Escalations,
    WallTotals Totals,
    MonthComparison Months,
    IReadOnlyList<TownResponse> TownResponses,
    IReadOnlyList<DepartmentResponse> DepartmentResponses,
    IReadOnlyList<TrendMonth> Trend)
{
    /// <summary>Counts the computations of this wall's audience and period: one more each time it is read again.</summary>
    public long Version { get; init; }

    public HeatCell Cell(int townId, SeverityGrade grade) =>
        Grid.FirstOrDefault(c => c.TownId == townId && c.Grade == grade) ?? new HeatCell(townId, grade, 0, 0, null, 0);
}
