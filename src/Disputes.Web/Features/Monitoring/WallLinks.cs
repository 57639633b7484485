using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Board;

namespace Disputes.Web.Features.Monitoring;

/// <summary>
/// Where each figure of the wall leads: the board filtered to the population the figure counts (<see cref="Measures"/>).
/// A test opens every one of these and compares the board's incidents with the ones counted.
/// </summary>
public static class WallLinks
{
    /// <summary>Open incidents, of a town and grade when given: the heat grid, its rows and columns, the open total.</summary>
    public static string Open(int? town = null, SeverityGrade? grade = null) => new BoardFilter { TownId = town, Grade = grade }.Href();

    public static string Stage(Stage stage) => new BoardFilter { Stage = stage }.Href();

    public static string Type(IncidentType type) => new BoardFilter { Type = type }.Href();

    /// <summary>Incidents with an overdue step (of a kind), closed ones included: a follow-up visit falls due after closure.</summary>
    public static string Overdue(PlanStepKind? kind = null) => new BoardFilter { OverdueOnly = true, OverdueKind = kind, AnyStage = true }.Href();

    public static string Escalated(WallEscalations escalations, bool unread = false) =>
        new BoardFilter { On = BoardEvent.Escalated, FromUtc = escalations.SinceUtc, Unread = unread, AnyStage = true }.Href();

    public static string Recovered(RecoverySource source) => new BoardFilter { RecoveredFrom = source }.Href();

    public static string Opened(MonthCount month) => new BoardFilter { FromUtc = month.FromUtc, ToUtc = month.ToUtc, AnyStage = true }.Href();

    public static string Closed(MonthCount month) => new BoardFilter { On = BoardEvent.Closed, FromUtc = month.FromUtc, ToUtc = month.ToUtc, AnyStage = true }.Href();

    /// <summary>The incidents whose step of this kind was completed in the period: a response time's population.</summary>
    public static string Done(WallFigures figures, PlanStepKind kind, int? town = null, DepartmentKind? department = null) =>
        (InPeriod(figures, BoardEvent.Done, town, department) with { Step = kind }).Href();

    /// <summary>The incidents with a step counted by the on-time share.</summary>
    public static string Due(WallFigures figures, int? town = null, DepartmentKind? department = null) =>
        InPeriod(figures, BoardEvent.Due, town, department).Href();

    public static string Escalations(WallFigures figures, int level, int? town = null, DepartmentKind? department = null) =>
        (InPeriod(figures, BoardEvent.Escalated, town, department) with { Level = level }).Href();

    public static string Logged(TrendMonth month, IncidentType? type = null) =>
        new BoardFilter { FromUtc = month.FromUtc, ToUtc = month.ToUtc, Type = type, AnyStage = true }.Href();

    private static BoardFilter InPeriod(WallFigures figures, BoardEvent on, int? town, DepartmentKind? department) =>
        new() { On = on, FromUtc = figures.PeriodFromUtc, ToUtc = figures.PeriodToUtc, TownId = town, Department = department, AnyStage = true };
}
