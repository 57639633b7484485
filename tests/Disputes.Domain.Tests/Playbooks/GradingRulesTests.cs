using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Playbooks;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Playbooks;

public sealed class GradingRulesTests
{
    private static readonly GradingRules Rules = new();

    private static SeverityGrade Suggest(int workers = 1, decimal wagesYuan = 0m, AggravatingFacts facts = AggravatingFacts.None,
        IncidentType type = IncidentType.WageArrears, Ownership ownership = Ownership.Domestic) =>
        Rules.Suggest(workers, Money.FromYuan(wagesYuan), facts, type, ownership);

    [Theory]
    [InlineData(300, SeverityGrade.I)]
    [InlineData(299, SeverityGrade.II)]
    [InlineData(100, SeverityGrade.II)]
    [InlineData(99, SeverityGrade.III)]
    [InlineData(30, SeverityGrade.III)]
    [InlineData(29, SeverityGrade.IV)]
    [InlineData(1, SeverityGrade.IV)]
    public void Workers_involved_set_the_grade_at_300_100_and_30(int workers, SeverityGrade expected)
    {
        Assert.Equal(expected, Suggest(workers: workers));
    }

    [Theory]
    [InlineData("10000000", SeverityGrade.I)]
    [InlineData("9999999.99", SeverityGrade.II)]
    [InlineData("3000000", SeverityGrade.II)]
    [InlineData("2999999.99", SeverityGrade.III)]
    [InlineData("500000", SeverityGrade.III)]
    [InlineData("499999.99", SeverityGrade.IV)]
    [InlineData("0", SeverityGrade.IV)]
    public void Wages_owed_set_the_grade_at_ten_million_three_million_and_half_a_million_yuan(string yuan, SeverityGrade expected)
    {
        Assert.Equal(expected, Suggest(wagesYuan: decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(AggravatingFacts.ThreatOfSelfHarmOrViolence, SeverityGrade.I)]
    [InlineData(AggravatingFacts.GatheringAtProvincialOrNationalOffices, SeverityGrade.I)]
    [InlineData(AggravatingFacts.RoadBlocking, SeverityGrade.II)]
    [InlineData(AggravatingFacts.GatheringAtCityGovernment, SeverityGrade.II)]
    [InlineData(AggravatingFacts.MediaAttention, SeverityGrade.III)]
    [InlineData(AggravatingFacts.None, SeverityGrade.IV)]
    public void Each_aggravating_fact_raises_a_small_incident_to_its_grade(AggravatingFacts fact, SeverityGrade expected)
    {
        Assert.Equal(expected, Suggest(facts: fact));
    }

    [Theory]
    [InlineData(IncidentType.WorkStoppage, Ownership.Foreign, SeverityGrade.III)]
    [InlineData(IncidentType.WorkStoppage, Ownership.HongKongMacaoTaiwan, SeverityGrade.III)]
    [InlineData(IncidentType.WorkStoppage, Ownership.Domestic, SeverityGrade.IV)]
    [InlineData(IncidentType.WageArrears, Ownership.Foreign, SeverityGrade.IV)]
    [InlineData(IncidentType.CollectivePayDispute, Ownership.HongKongMacaoTaiwan, SeverityGrade.IV)]
    public void A_work_stoppage_at_a_foreign_or_hong_kong_macao_taiwan_invested_enterprise_is_grade_III(IncidentType type, Ownership ownership, SeverityGrade expected)
    {
        Assert.Equal(expected, Suggest(type: type, ownership: ownership));
    }

    [Theory]
    [InlineData(35, "0", AggravatingFacts.RoadBlocking, SeverityGrade.II)]
    [InlineData(120, "0", AggravatingFacts.MediaAttention, SeverityGrade.II)]
    [InlineData(5, "10000000", AggravatingFacts.MediaAttention, SeverityGrade.I)]
    [InlineData(150, "600000", AggravatingFacts.ThreatOfSelfHarmOrViolence, SeverityGrade.I)]
    [InlineData(10, "3000000", AggravatingFacts.MediaAttention, SeverityGrade.II)]
    [InlineData(500, "0", AggravatingFacts.None, SeverityGrade.I)]
    public void The_highest_grade_any_line_reaches_wins(int workers, string yuan, AggravatingFacts facts, SeverityGrade expected)
    {
        Assert.Equal(expected, Suggest(workers, decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture), facts));
    }

    [Fact]
    public void A_stoppage_at_a_foreign_enterprise_still_rises_with_its_other_lines()
    {
        Assert.Equal(SeverityGrade.I, Suggest(workers: 350, type: IncidentType.WorkStoppage, ownership: Ownership.Foreign));
        Assert.Equal(SeverityGrade.II, Suggest(facts: AggravatingFacts.GatheringAtCityGovernment, type: IncidentType.WorkStoppage, ownership: Ownership.Foreign));
    }

    [Fact]
    public void Edited_thresholds_are_used()
    {
        var playbook = DefaultPlaybook();
        playbook.SetGrading(300, 100, 10, Money.FromYuan(10_000_000), Money.FromYuan(3_000_000), Money.FromYuan(20_000), "系统管理员", ReportedAt);
        var rules = playbook.Grading;

        Assert.Equal(SeverityGrade.III, rules.Suggest(10, Money.Zero, AggravatingFacts.None, IncidentType.Other, Ownership.Domestic));
        Assert.Equal(SeverityGrade.IV, rules.Suggest(9, Money.Zero, AggravatingFacts.None, IncidentType.Other, Ownership.Domestic));
        Assert.Equal(SeverityGrade.III, rules.Suggest(1, Money.FromYuan(20_000), AggravatingFacts.None, IncidentType.Other, Ownership.Domestic));
        Assert.Equal(SeverityGrade.IV, rules.Suggest(1, Money.FromYuan(19_999.99m), AggravatingFacts.None, IncidentType.Other, Ownership.Domestic));
    }

    [Fact]
    public void Logging_uses_the_suggestion_when_nobody_overrides_it()
    {
        var incident = Logged(Report(workers: 5, facts: AggravatingFacts.RoadBlocking));

        Assert.Equal(SeverityGrade.II, incident.Grade);
        Assert.Equal(SeverityGrade.II, incident.SuggestedGrade);
        Assert.DoesNotContain(incident.Timeline, e => e.Kind == TimelineKind.GradeChanged);
    }

    [Fact]
    public void An_override_at_logging_with_a_reason_is_recorded_and_sets_the_timers()
    {
        var incident = Logged(Report(workers: 40, gradeOverride: new GradeOverride(SeverityGrade.I, " 有人爬上楼顶 ")));

        Assert.Equal(SeverityGrade.I, incident.Grade);
        Assert.Equal(SeverityGrade.III, incident.SuggestedGrade);
        var entry = Assert.Single(incident.Timeline, e => e.Kind == TimelineKind.GradeChanged);
        Assert.Equal(new IncidentEvent.GradeChanged(SeverityGrade.III, SeverityGrade.I, "有人爬上楼顶"), entry.Event);
        Assert.Equal(ZhangpuOfficer.UserId, entry.ActorUserId);
        Assert.Equal(ReportedAt.AddMinutes(30), incident.OpenStep(PlanStepKind.ArriveOnScene)!.DueAtUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_override_without_a_reason_is_refused(string reason)
    {
        var report = Report(workers: 40, gradeOverride: new GradeOverride(SeverityGrade.I, reason));

        Assert.Equal(["incident.grade-reason-required"], report.Problems());
        var error = Assert.Throws<DomainException>(() => Logged(report));
        Assert.Equal("incident.grade-reason-required", error.Code);
    }

    [Fact]
    public void An_override_reason_longer_than_500_characters_is_refused()
    {
        var report = Report(gradeOverride: new GradeOverride(SeverityGrade.I, new string('因', 501)));

        Assert.Equal(["incident.grade-reason-required"], report.Problems());
        Assert.Empty((report with { GradeOverride = new GradeOverride(SeverityGrade.I, new string('因', 500)) }).Problems());
    }
}
