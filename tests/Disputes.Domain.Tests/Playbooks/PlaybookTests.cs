using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Playbooks;

/// <summary>The playbook's grading thresholds stay in order, and each save of it is a numbered version kept whole.</summary>
public sealed class PlaybookTests
{
    private static readonly DateTime Now = ReportedAt.AddDays(-1);

    private static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    [Fact]
    public void Sound_thresholds_are_kept_in_fen_with_who_set_them_and_grade_new_incidents()
    {
        var playbook = DefaultPlaybook();

        playbook.SetGrading(200, 50, 20, Yuan(5_000_000), Yuan(1_000_000), Yuan(35_000), "系统管理员", Now);

        var grading = playbook.Grading;
        Assert.Equal((200, 50, 20), (grading.WorkersForGradeI, grading.WorkersForGradeII, grading.WorkersForGradeIII));
        Assert.Equal((500_000_000L, 100_000_000L, 3_500_000L), (grading.WagesFenForGradeI, grading.WagesFenForGradeII, grading.WagesFenForGradeIII));
        Assert.Equal(("系统管理员", Now), (playbook.UpdatedBy, playbook.UpdatedAtUtc));
        Assert.Equal(SeverityGrade.II, Logged(Report(workers: 50, wagesYuan: 1_000m), playbook).SuggestedGrade);
        Assert.Equal(SeverityGrade.III, Logged(Report(workers: 20, wagesYuan: 1_000m), playbook).SuggestedGrade);
        Assert.Equal(SeverityGrade.IV, Logged(Report(workers: 19, wagesYuan: 1_000m), playbook).SuggestedGrade);
    }

    public static TheoryData<int, int, int, long, long, long> OutOfOrder() => new()
    {
        { 100, 100, 30, 10_000_000, 3_000_000, 500_000 },
        { 50, 100, 30, 10_000_000, 3_000_000, 500_000 },
        { 300, 30, 30, 10_000_000, 3_000_000, 500_000 },
        { 300, 20, 30, 10_000_000, 3_000_000, 500_000 },
        { 300, 100, 30, 3_000_000, 3_000_000, 500_000 },
        { 300, 100, 30, 1_000_000, 3_000_000, 500_000 },
        { 300, 100, 30, 10_000_000, 500_000, 500_000 },
        { 300, 100, 30, 10_000_000, 400_000, 500_000 },
    };

    [Theory]
    [MemberData(nameof(OutOfOrder))]
    public void A_grade_whose_threshold_is_not_above_the_next_grades_is_refused_and_nothing_changes(
        int workersI, int workersII, int workersIII, long yuanI, long yuanII, long yuanIII)
    {
        var playbook = DefaultPlaybook();
        var before = PlaybookSnapshot.Of(playbook).ToJson();

        var error = Assert.Throws<DomainException>(() =>
            playbook.SetGrading(workersI, workersII, workersIII, Yuan(yuanI), Yuan(yuanII), Yuan(yuanIII), "系统管理员", Now));

        Assert.Equal("playbook.grading-order", error.Code);
        AssertUnchanged(playbook, before);
    }

    [Theory]
    [InlineData(300, 100, 0)]
    [InlineData(300, 100, -5)]
    [InlineData(300, -1, -5)]
    [InlineData(0, 0, 0)]
    public void A_head_count_below_one_is_refused_and_nothing_changes(int workersI, int workersII, int workersIII)
    {
        var playbook = DefaultPlaybook();
        var before = PlaybookSnapshot.Of(playbook).ToJson();

        var error = Assert.Throws<DomainException>(() =>
            playbook.SetGrading(workersI, workersII, workersIII, Yuan(10_000_000), Yuan(3_000_000), Yuan(500_000), "系统管理员", Now));

        Assert.Equal("playbook.grading-workers", error.Code);
        AssertUnchanged(playbook, before);
    }

    [Theory]
    [InlineData("10000000", "3000000", "0")]
    [InlineData("10000000", "3000000", "-1")]
    [InlineData("10000000", "-3000000", "-5000000")]
    [InlineData("10000000", "3000000", "499999.5")]
    [InlineData("10000000000.01", "3000000", "500000")]
    public void An_amount_of_zero_or_less_or_not_in_whole_yuan_is_refused_and_nothing_changes(string yuanI, string yuanII, string yuanIII)
    {
        var playbook = DefaultPlaybook();
        var before = PlaybookSnapshot.Of(playbook).ToJson();
        static Money Parse(string yuan) => Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture));

        var error = Assert.Throws<DomainException>(() =>
            playbook.SetGrading(300, 100, 30, Parse(yuanI), Parse(yuanII), Parse(yuanIII), "系统管理员", Now));

        Assert.Equal("playbook.grading-wages", error.Code);
        AssertUnchanged(playbook, before);
    }

    [Fact]
    public void The_lowest_sound_thresholds_are_accepted()
    {
        var playbook = DefaultPlaybook();

        playbook.SetGrading(3, 2, 1, Yuan(3), Yuan(2), Yuan(1), "系统管理员", Now);

        Assert.Equal(1, playbook.Grading.WorkersForGradeIII);
        Assert.Equal(100L, playbook.Grading.WagesFenForGradeIII);
    }

    [Fact]
    public void The_facts_that_grade_an_incident_on_their_own_do_not_move_with_the_thresholds()
    {
        var playbook = DefaultPlaybook();
        playbook.SetGrading(3000, 1000, 300, Yuan(100_000_000), Yuan(30_000_000), Yuan(5_000_000), "系统管理员", Now);

        Assert.Equal(SeverityGrade.I, playbook.Grading.Suggest(1, Money.Zero, AggravatingFacts.ThreatOfSelfHarmOrViolence, IncidentType.Other, Ownership.Domestic));
        Assert.Equal(SeverityGrade.II, playbook.Grading.Suggest(1, Money.Zero, AggravatingFacts.RoadBlocking, IncidentType.Other, Ownership.Domestic));
        Assert.Equal(SeverityGrade.III, playbook.Grading.Suggest(1, Money.Zero, AggravatingFacts.None, IncidentType.WorkStoppage, Ownership.Foreign));
        Assert.Equal(SeverityGrade.IV, playbook.Grading.Suggest(299, Money.FromYuan(4_999_999), AggravatingFacts.None, IncidentType.Other, Ownership.Domestic));
    }

    [Fact]
    public void The_seeded_plan_is_version_one_and_each_save_is_the_next_version_however_much_it_changed()
    {
        var playbook = DefaultPlaybook();
        Assert.Equal(1, playbook.Version);

        playbook.SetDuration(PlanStepKind.ArriveOnScene, GradeBand.Minor, 45, "系统管理员", Now);
        playbook.SetEscalationGaps(20, 40, "系统管理员", Now);
        playbook.SetGrading(250, 80, 25, Yuan(8_000_000), Yuan(2_000_000), Yuan(400_000), "系统管理员", Now);
        var second = playbook.SaveVersion("系统管理员", Now);
        var third = playbook.SaveVersion("另一位管理员", Now.AddHours(1));

        Assert.Equal(3, playbook.Version);
        Assert.Equal((2, Now, "系统管理员"), (second.Version, second.SavedAtUtc, second.SavedBy));
        Assert.Equal((3, Now.AddHours(1), "另一位管理员"), (third.Version, third.SavedAtUtc, third.SavedBy));
        Assert.Equal(("另一位管理员", Now.AddHours(1)), (playbook.UpdatedBy, playbook.UpdatedAtUtc));
    }

    [Fact]
    public void A_kept_version_reads_back_as_the_plan_was_when_it_was_saved()
    {
        var playbook = DefaultPlaybook();
        playbook.SetDuration(PlanStepKind.ArriveOnScene, GradeBand.Minor, 45, "系统管理员", Now);
        playbook.SetRequiredDepartments(IncidentType.Other, [DepartmentKind.Petition], "系统管理员", Now);
        playbook.SetEscalationGaps(20, 40, "系统管理员", Now);
        playbook.SetGrading(250, 80, 25, Yuan(8_000_000), Yuan(2_000_000), Yuan(400_000), "系统管理员", Now);

        var kept = playbook.SaveVersion("系统管理员", Now);
        playbook.SetDuration(PlanStepKind.ArriveOnScene, GradeBand.Minor, 90, "系统管理员", Now);
        var snapshot = kept.ReadSnapshot();

        Assert.Contains(new PlaybookSnapshot.Duration(PlanStepKind.ArriveOnScene, GradeBand.Minor, 45), snapshot.Durations);
        Assert.Equal(playbook.Durations.Count, snapshot.Durations.Count);
        Assert.Equal([new PlaybookSnapshot.Requirement(IncidentType.Other, DepartmentKind.Petition)],
            snapshot.Requirements.Where(r => r.Type == IncidentType.Other));
        Assert.Equal(playbook.Requirements.Count, snapshot.Requirements.Count);
        Assert.Equal(new PlaybookSnapshot.Thresholds(250, 80, 25, 800_000_000, 200_000_000, 40_000_000), snapshot.Grading);
        Assert.Equal((20, 40), (snapshot.Level2AfterMinutes, snapshot.Level3AfterMinutes));
        Assert.Contains("\"ArriveOnScene\"", kept.Snapshot);
    }

    private static void AssertUnchanged(Playbook playbook, string before)
    {
        Assert.Equal(before, PlaybookSnapshot.Of(playbook).ToJson());
        Assert.Equal("system", playbook.UpdatedBy);
        Assert.Equal(1, playbook.Version);
    }
}
