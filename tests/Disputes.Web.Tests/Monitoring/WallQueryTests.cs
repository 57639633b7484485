using Disputes.Domain;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Monitoring;

namespace Disputes.Web.Tests.Monitoring;

/// <summary>Every figure of the wall, read in SQL from the real SQLite file of <see cref="WallData"/>, against what happened.</summary>
public sealed class WallQueryTests(WallData data) : IClassFixture<WallData>
{
    private static readonly DateTime MonthStart = WallData.China(2026, 10, 1, 0, 0);
    private static readonly DateTime MonthEnd = WallData.China(2026, 10, 21, 0, 0);

    [Fact]
    public async Task The_heat_grid_counts_open_incidents_per_town_and_grade_and_colours_each_cell_by_its_worst_overdue_step()
    {
        var wall = await WallAsync("leader");
        var world = await data.WorldAsync();

        Assert.Equal(11, wall.Towns.Count);
        Assert.Equal([(data.Yushan, SeverityGrade.I, 1), (data.Zhangpu, SeverityGrade.II, 1), (data.Zhangpu, SeverityGrade.III, 1)],
            wall.Grid.Where(c => c.Open > 0).Select(c => (c.TownId, c.Grade, c.Open)).Order());
        foreach (var cell in wall.Grid)
        {
            var overdue = world.Incidents.Where(i => World.IsOpen(i) && i.TownId == cell.TownId && i.Grade == cell.Grade)
                .SelectMany(i => i.Steps).Where(s => s.IsOverdue(WallData.NowUtc)).ToList();
            Assert.Equal(overdue.Count, cell.OverdueSteps);
            Assert.Equal(overdue.Min(s => (DateTime?)s.DueAtUtc), cell.OldestDueUtc);
        }

        // 富士康's arrival was due at 10:30 yesterday: far past both gaps of the ladder (30 and 90 minutes).
        Assert.Equal(3, wall.Cell(data.Yushan, SeverityGrade.I).Lateness);
        Assert.Equal(0, wall.Cell(data.Yushan, SeverityGrade.IV).Lateness);
    }

    [Fact]
    public async Task Open_incidents_are_counted_by_stage_and_by_type()
    {
        var wall = await WallAsync("leader");

        Assert.Equal([(Stage.Reported, 1), (Stage.Responding, 1), (Stage.Resolving, 0), (Stage.Resolved, 1)], wall.ByStage);
        Assert.Equal(Enum.GetValues<IncidentType>().Length, wall.ByType.Count);
        Assert.Equal([(IncidentType.AbscondingOwner, 1), (IncidentType.WageArrears, 1), (IncidentType.CollectivePayDispute, 1)],
            wall.ByType.Where(t => t.Count > 0).Select(t => (t.Type, t.Count)).OrderBy(t => t.Type));
    }

    [Fact]
    public async Task Overdue_steps_come_most_overdue_first_with_their_incident_owner_and_escalation_level_closed_incidents_follow_up_included()
    {
        var wall = await WallAsync("leader");
        var world = await data.WorldAsync();
        var overdue = world.Incidents.SelectMany(i => i.Steps.Select(s => (Incident: i, Step: s))).Where(x => x.Step.IsOverdue(WallData.NowUtc))
            // Ties as the database breaks them: by number, then kind and department as they are stored, by name.
            .OrderBy(x => x.Step.DueAtUtc).ThenBy(x => x.Incident.Number, StringComparer.Ordinal)
            .ThenBy(x => x.Step.Kind.ToString(), StringComparer.Ordinal).ThenBy(x => x.Step.Department?.ToString(), StringComparer.Ordinal).ToList();

        Assert.Equal(overdue.Count, wall.Overdue.Total);
        Assert.Equal(overdue.Take(WallQueries.Limit).Select(x => (x.Incident.Number, x.Step.Kind, x.Step.DueAtUtc)),
            wall.Overdue.Items.Select(s => (s.Number, s.Kind, s.DueAtUtc)));
        // A year ago's closure planned a visit nobody made: it is the most overdue of all.
        Assert.Equal((data.YearAgo, PlanStepKind.FollowUpVisit, "张浦镇总工会", Roles.TownChair),
            (wall.Overdue.Items[0].Number, wall.Overdue.Items[0].Kind, wall.Overdue.Items[0].Owner.Name, wall.Overdue.Items[0].OwnerRole));
        foreach (var step in wall.Overdue.Items)
        {
            var id = overdue.Single(x => x.Incident.Number == step.Number && x.Step.DueAtUtc == step.DueAtUtc && x.Step.Kind == step.Kind && x.Step.Department == step.Department).Step.Id;
            Assert.Equal(world.Escalations.Where(e => e.StepId == id).Max(e => (int?)e.Level) ?? 0, step.EscalationLevel);
        }

        Assert.Equal(overdue.GroupBy(x => x.Step.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())), wall.OverdueByKind);
    }

    [Fact]
    public async Task Escalations_of_the_last_24_hours_are_counted_and_told_by_the_narrator_and_those_nobody_read_are_marked()
    {
        var wall = await WallAsync("leader");
        var world = await data.WorldAsync();
        var since = WallData.NowUtc.AddDays(-1);
        var recent = world.Escalations.Where(e => e.EscalatedAtUtc >= since).ToList();

        Assert.Equal(since, wall.Escalations.SinceUtc);
        Assert.Equal(recent.Count, wall.Escalations.Total);
        Assert.Equal(recent.Count(world.IsUnread), wall.Escalations.Unread);
        Assert.True(wall.Escalations.Unread < wall.Escalations.Total, "The duty officer read one.");
        Assert.Equal(recent.OrderByDescending(e => e.EscalatedAtUtc).ThenByDescending(e => e.Id).Take(WallQueries.Limit)
                .Select(e => (world.Incidents.Single(i => i.Id == e.IncidentId).Number, e.Level, e.EscalatedAtUtc, world.IsUnread(e), world.StepOf(e)?.Kind)),
            wall.Escalations.Recent.Select(e => (e.Number, e.Level, e.AtUtc, e.Unread, ((IncidentEvent.Escalated)e.Event).Step?.Kind)));
        Assert.All(wall.Escalations.Recent, e => Assert.Equal(e.Level, ((IncidentEvent.Escalated)e.Event).Level));
    }

    [Fact]
    public async Task Totals_count_the_open_incidents_workers_and_wages_in_fen_and_the_wages_recovered_by_source()
    {
        var totals = (await WallAsync("leader")).Totals;

        Assert.Equal((3, 120 + 45 + 400), (totals.Open, totals.Workers));
        Assert.Equal(Money.FromYuan(2_700_000m), totals.Owed);
        Assert.Equal([(RecoverySource.Employer, 500_000m), (RecoverySource.WageGuaranteeFund, 300_000m), (RecoverySource.AssetDisposal, 0m), (RecoverySource.CourtEnforcement, 0m)],
            totals.Recovered.Select(r => (r.Source, r.Amount.Yuan)));
        Assert.Equal(800_000.0 / 2_700_000.0, totals.RecoveryRate!.Value, 6);
    }

    [Fact]
    public async Task Incidents_opened_and_closed_this_month_are_set_against_last_month_and_the_same_month_last_year()
    {
        var months = (await WallAsync("leader")).Months;

        Assert.Equal((new DateOnly(2026, 10, 1), 4, 1), (months.This.Month, months.This.Opened, months.This.Closed));
        Assert.Equal((new DateOnly(2026, 9, 1), 1, 1), (months.Last.Month, months.Last.Opened, months.Last.Closed));
        Assert.Equal((new DateOnly(2025, 10, 1), 2, 1), (months.YearAgo.Month, months.YearAgo.Opened, months.YearAgo.Closed));
        Assert.Equal((WallData.China(2026, 10, 1, 0, 0), WallData.China(2026, 11, 1, 0, 0)), (months.This.FromUtc, months.This.ToUtc));
    }

    [Fact]
    public async Task Times_to_arrive_report_and_resolve_are_medians_and_90th_percentiles_per_town_and_for_the_city()
    {
        var wall = await WallAsync("leader");
        var city = wall.TownResponses.Single(r => r.TownId is null);
        var zhangpu = wall.TownResponses.Single(r => r.TownId == data.Zhangpu);
        var yushan = wall.TownResponses.Single(r => r.TownId == data.Yushan);

        Assert.Equal((MonthStart, MonthEnd), (wall.PeriodFromUtc, wall.PeriodToUtc));
        // Arrivals this month: 科家 20 min and 南吉山 50 in Zhangpu, 华富 30 in Yushan (nearest rank: the median of two is the first).
        Assert.Equal(new Duration(2, 20 * 60, 50 * 60), zhangpu.Arrive);
        Assert.Equal(new Duration(1, 30 * 60, 30 * 60), yushan.Arrive);
        Assert.Equal(new Duration(3, 30 * 60, 50 * 60), city.Arrive);
        Assert.Equal(new Duration(2, 25 * 60, 70 * 60), zhangpu.Report);
        Assert.Equal(new Duration(3, 40 * 60, 70 * 60), city.Report);
        // Resolved this month: 科家 after 72 hours, 华富 after 48.
        Assert.Equal(new Duration(1, 72 * 3600, 72 * 3600), zhangpu.Resolve);
        Assert.Equal(new Duration(2, 48 * 3600, 72 * 3600), city.Resolve);
        Assert.DoesNotContain(wall.TownResponses, r => r.TownId is { } town && town != data.Zhangpu && town != data.Yushan && r.Arrive.Count > 0);
    }

    [Fact]
    public async Task Each_departments_time_to_acknowledge_runs_from_engagement_to_acknowledgement()
    {
        var departments = (await WallAsync("leader")).DepartmentResponses;

        // Labour: 科家 20 min, 南吉山 60, 华富 15. Justice: 科家 2 h, 华富 15 min. Police: engaged on 科家, never acknowledged.
        Assert.Equal(new Duration(3, 20 * 60, 60 * 60), departments.Single(d => d.Department == DepartmentKind.LaborInspection).Acknowledge);
        Assert.Equal(new Duration(2, 15 * 60, 120 * 60), departments.Single(d => d.Department == DepartmentKind.Justice).Acknowledge);
        Assert.Equal(Duration.None, departments.Single(d => d.Department == DepartmentKind.Police).Acknowledge);
        Assert.Equal(new Duration(5, 20 * 60, 120 * 60), departments.Single(d => d.Department is null).Acknowledge);
    }

    [Fact]
    public async Task The_on_time_share_counts_steps_due_in_the_period_completed_by_their_due_time_leaving_out_paused_and_cancelled_ones()
    {
        var wall = await WallAsync("leader");
        var world = await data.WorldAsync();
        var counted = world.Incidents.SelectMany(i => i.Steps.Select(s => (Incident: i, Step: s))).Where(x => world.IsCounted(x.Step, MonthStart, MonthEnd)).ToList();

        foreach (var town in wall.TownResponses)
        {
            var mine = counted.Where(x => town.TownId is null || x.Incident.TownId == town.TownId).ToList();
            Assert.Equal(new Share(mine.Count(x => World.IsOnTime(x.Step)), mine.Count), town.OnTime);
        }

        foreach (var department in wall.DepartmentResponses.Where(d => d.Department is not null))
        {
            var mine = counted.Where(x => World.IsDepartments(x.Step, department.Department!.Value)).ToList();
            Assert.Equal(new Share(mine.Count(x => World.IsOnTime(x.Step)), mine.Count), department.OnTime);
        }

        // 南吉山's written report fell due on 13 October, but stands paused: it is neither on time nor late.
        var paused = world.Incidents.Single(i => i.Number == data.Nanjishan).Steps.Single(s => s.Kind == PlanStepKind.WrittenReport);
        Assert.True(paused.IsPaused && paused.DueAtUtc < MonthEnd);
        Assert.DoesNotContain(counted, x => x.Step.Id == paused.Id);
        // 科家's acknowledgement by justice came 90 minutes late.
        Assert.True(wall.DepartmentResponses.Single(d => d.Department == DepartmentKind.Justice).OnTime.OnTime
            < wall.DepartmentResponses.Single(d => d.Department == DepartmentKind.Justice).OnTime.Counted);
    }

    [Fact]
    public async Task Escalations_in_the_period_are_counted_per_level_for_each_town_and_for_each_departments_own_steps()
    {
        var wall = await WallAsync("leader");
        var world = await data.WorldAsync();
        var inPeriod = world.Escalations.Where(e => World.In(e.EscalatedAtUtc, MonthStart, MonthEnd)).ToList();

        foreach (var town in wall.TownResponses)
        {
            Assert.Equal(EscalationLadder.Levels.Select(l => inPeriod.Count(e => e.Level == l && (town.TownId is null || world.Incidents.Single(i => i.Id == e.IncidentId).TownId == town.TownId))),
                town.EscalationsByLevel);
        }

        foreach (var department in wall.DepartmentResponses.Where(d => d.Department is not null))
        {
            Assert.Equal(EscalationLadder.Levels.Select(l => inPeriod.Count(e => e.Level == l && world.StepOf(e) is { } s && World.IsDepartments(s, department.Department!.Value))),
                department.EscalationsByLevel);
        }

        Assert.True(wall.TownResponses.Single(r => r.TownId is null).EscalationsByLevel.Sum() > 0);
    }

    [Fact]
    public async Task The_user_chooses_the_period_this_week_this_month_or_a_custom_range()
    {
        var leader = await data.ActorAsync("leader");

        var week = await data.Queries.ReadAsync(leader, WallPeriod.ThisWeek);
        var early = await data.Queries.ReadAsync(leader, WallPeriod.Custom(new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 1)));

        // Monday 19 and Tuesday 20 October: 富士康 was logged, nobody has arrived.
        Assert.Equal((WallData.China(2026, 10, 19, 0, 0), WallData.China(2026, 10, 21, 0, 0)), (week.PeriodFromUtc, week.PeriodToUtc));
        Assert.Equal(0, week.TownResponses.Single(r => r.TownId is null).Arrive.Count);
        // 1–10 October, the ends given either way round: only 科家 arrived and was resolved.
        Assert.Equal((WallData.China(2026, 10, 1, 0, 0), WallData.China(2026, 10, 11, 0, 0)), (early.PeriodFromUtc, early.PeriodToUtc));
        Assert.Equal(new Duration(1, 20 * 60, 20 * 60), early.TownResponses.Single(r => r.TownId is null).Arrive);
        Assert.Equal(new Duration(1, 72 * 3600, 72 * 3600), early.TownResponses.Single(r => r.TownId is null).Resolve);
    }

    [Fact]
    public async Task The_trend_counts_twelve_months_of_incidents_per_type_and_the_wages_owed_and_recovered_in_each()
    {
        var trend = (await WallAsync("leader")).Trend;

        Assert.Equal(12, trend.Count);
        Assert.Equal((new DateOnly(2025, 11, 1), new DateOnly(2026, 10, 1)), (trend[0].Month, trend[^1].Month));
        Assert.Equal((2, 1, 1, 4), (trend[^1].ByType[IncidentType.WageArrears], trend[^1].ByType[IncidentType.AbscondingOwner],
            trend[^1].ByType[IncidentType.CollectivePayDispute], trend[^1].Total));
        Assert.Equal((Money.FromYuan(2_780_000m), Money.FromYuan(820_000m)), (trend[^1].Owed, trend[^1].Recovered));
        Assert.Equal((1, Money.FromYuan(100_000m), Money.Zero), (trend[^2].Total, trend[^2].Owed, trend[^2].Recovered));
        Assert.All(trend.SkipLast(2), m => Assert.Equal(0, m.Total));
    }

    [Fact]
    public async Task A_town_officers_wall_holds_only_their_towns_incidents()
    {
        var officer = await data.ActorAsync("ys.officer");
        var wall = await data.Queries.ReadAsync(officer, WallPeriod.ThisMonth);
        var world = await data.WorldAsync();
        var yushan = world.Incidents.Where(i => i.TownId == data.Yushan).ToList();

        Assert.Equal([data.Yushan], wall.Towns.Select(t => t.Id));
        Assert.All(wall.Grid, c => Assert.Equal(data.Yushan, c.TownId));
        Assert.Equal((1, 400, Money.Zero), (wall.Totals.Open, wall.Totals.Workers, wall.Totals.Owed));
        Assert.Equal((2, 1, 1, 0), (wall.Months.This.Opened, wall.Months.This.Closed, wall.Months.YearAgo.Opened, wall.Months.YearAgo.Closed));
        Assert.All(wall.Overdue.Items, s => Assert.Contains(s.Number, yushan.Select(i => i.Number)));
        Assert.All(wall.Escalations.Recent, e => Assert.Contains(e.Number, yushan.Select(i => i.Number)));
        Assert.Equal(world.Escalations.Count(e => e.EscalatedAtUtc >= WallData.NowUtc.AddDays(-1) && yushan.Any(i => i.Id == e.IncidentId)), wall.Escalations.Total);
        Assert.Equal([null, data.Yushan], wall.TownResponses.Select(r => r.TownId));
        Assert.Equal(new Duration(1, 30 * 60, 30 * 60), wall.TownResponses[0].Arrive);
        Assert.Equal(new Duration(1, 15 * 60, 15 * 60), wall.DepartmentResponses.Single(d => d.Department == DepartmentKind.Justice).Acknowledge);
        Assert.Equal(1, wall.Trend[^1].ByType[IncidentType.WageArrears]);
    }

    [Fact]
    public async Task A_departments_liaison_reads_the_wall_of_the_incidents_it_is_engaged_on()
    {
        var wall = await WallAsync("labor.liaison");

        // Labour is engaged on 科家 and 南吉山 (open), not on 富士康.
        Assert.Equal((2, 165), (wall.Totals.Open, wall.Totals.Workers));
        Assert.DoesNotContain(wall.Grid, c => c.TownId == data.Yushan && c.Open > 0);
        // This month it was engaged on 科家, 南吉山 and 华富.
        Assert.Equal(3, wall.Months.This.Opened);
    }

    private async Task<WallFigures> WallAsync(string userName) => await data.Queries.ReadAsync(await data.ActorAsync(userName), WallPeriod.ThisMonth);
}
