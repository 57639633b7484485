using System.Net;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Admin;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Admin;

/// <summary>The grading thresholds in the playbook's editor: kept in fen, in order, and used for incidents logged afterwards.</summary>
public sealed class PlaybookGradingTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private PlaybookEditing Editing => app.Services.GetRequiredService<PlaybookEditing>();

    [Fact]
    public async Task The_seeded_thresholds_are_the_plans_defaults_in_yuan()
    {
        var draft = await Editing.LoadAsync();

        Assert.Equal([(SeverityGrade.I, 300, "10000000"), (SeverityGrade.II, 100, "3000000"), (SeverityGrade.III, 30, "500000")],
            draft.Grading.Select(t => (t.Grade, t.Workers, t.Wages)));
    }

    [Fact]
    public async Task Saved_thresholds_grade_the_incidents_logged_afterwards()
    {
        var service = app.Services.GetRequiredService<IncidentCommands>();
        var officer = await Actors.ForAsync(app, "zp.officer");
        var before = await LogAsync(service, officer, workers: 12, yuan: 36_000m);
        var draft = await Editing.LoadAsync();
        Set(draft, SeverityGrade.II, 40, "１２万");
        Set(draft, SeverityGrade.III, 12, "3.5万");
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await Editing.SaveAsync(draft, Actors.Administrator("系统管理员"));

        Assert.True(result.Succeeded, result.Error);
        var saved = await app.WithDbAsync(db => db.Playbooks.AsNoTracking().Select(p => p.Grading).SingleAsync());
        Assert.Equal((300, 40, 12), (saved.WorkersForGradeI, saved.WorkersForGradeII, saved.WorkersForGradeIII));
        Assert.Equal((1_000_000_000L, 12_000_000L, 3_500_000L), (saved.WagesFenForGradeI, saved.WagesFenForGradeII, saved.WagesFenForGradeIII));
        Assert.Equal(["10000000", "120000", "35000"], (await Editing.LoadAsync()).Grading.Select(t => t.Wages));
        Assert.Equal(SeverityGrade.IV, await SuggestedGradeAsync(before));
        Assert.Equal(SeverityGrade.III, await SuggestedGradeAsync(await LogAsync(service, officer, workers: 12, yuan: 1_000m)));
        Assert.Equal(SeverityGrade.III, await SuggestedGradeAsync(await LogAsync(service, officer, workers: 2, yuan: 35_000m)));
        Assert.Equal(SeverityGrade.IV, await SuggestedGradeAsync(await LogAsync(service, officer, workers: 11, yuan: 34_999.99m)));
        Assert.Equal(SeverityGrade.II, await SuggestedGradeAsync(await LogAsync(service, officer, workers: 40, yuan: 1_000m)));
        Assert.Equal(SeverityGrade.II, await SuggestedGradeAsync(await LogAsync(service, officer, workers: 2, yuan: 120_000m)));

        // The other tests of this class start from the plan's defaults.
        var defaults = await Editing.LoadAsync();
        Restore(defaults);
        Assert.True((await Editing.SaveAsync(defaults, Actors.Administrator("系统管理员"))).Succeeded);
    }

    [Theory]
    [InlineData(SeverityGrade.II, 300, "3000000", "playbook.grading-order")]
    [InlineData(SeverityGrade.III, 101, "500000", "playbook.grading-order")]
    [InlineData(SeverityGrade.II, 100, "1000万", "playbook.grading-order")]
    [InlineData(SeverityGrade.III, 30, "300万", "playbook.grading-order")]
    [InlineData(SeverityGrade.III, 0, "500000", "playbook.grading-workers")]
    [InlineData(SeverityGrade.I, -300, "10000000", "playbook.grading-workers")]
    [InlineData(SeverityGrade.III, 30, "0", "playbook.grading-wages")]
    [InlineData(SeverityGrade.III, 30, "499999.50", "playbook.grading-wages")]
    public async Task Thresholds_out_of_order_or_not_positive_whole_numbers_are_refused_and_nothing_is_saved(
        SeverityGrade grade, int workers, string wages, string error)
    {
        var before = await Editing.LoadAsync();
        var draft = await Editing.LoadAsync();
        draft.Durations.Single(d => d.Kind == PlanStepKind.ArriveOnScene).MajorMinutes += 1;
        draft.Level2AfterMinutes += 1;
        Set(draft, grade, workers, wages);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await Editing.SaveAsync(draft, Actors.Administrator("系统管理员"));

        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Error);
        PlaybookEditingTests.AssertSame(before, await Editing.LoadAsync());
    }

    [Theory]
    [InlineData("三万", "money.format")]
    [InlineData("", "money.required")]
    [InlineData("-5万", "money.negative")]
    public async Task An_amount_that_cannot_be_read_names_its_grade_and_nothing_is_saved(string wages, string error)
    {
        var before = await Editing.LoadAsync();
        var draft = await Editing.LoadAsync();
        draft.Level3AfterMinutes += 1;
        Set(draft, SeverityGrade.II, 100, wages);

        var result = await Editing.SaveAsync(draft, Actors.Administrator("系统管理员"));

        Assert.False(result.Succeeded);
        Assert.Equal((error, SeverityGrade.II), (result.Error, result.Grade));
        PlaybookEditingTests.AssertSame(before, await Editing.LoadAsync());
    }

    [Fact]
    public async Task The_editor_shows_the_thresholds_and_says_the_facts_are_fixed()
    {
        var admin = await SignIn.AsAsync(app, "admin");

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/playbook"));

        Assert.Contains("分级标准", html);
        Assert.Contains("由预案固定，不能在此修改", html);
        Assert.Contains("外商或港澳台投资企业停工、媒体关注", html);
        Assert.Contains("扬言自残或实施暴力、到省级或国家机关聚集", html);
        Assert.Contains("data-testid=\"grading-wages-III\"", html);
    }

    private static void Set(PlaybookDraft draft, SeverityGrade grade, int workers, string wages)
    {
        var threshold = draft.Grading.Single(t => t.Grade == grade);
        threshold.Workers = workers;
        threshold.Wages = wages;
    }

    private static void Restore(PlaybookDraft draft)
    {
        Set(draft, SeverityGrade.I, 300, "10000000");
        Set(draft, SeverityGrade.II, 100, "3000000");
        Set(draft, SeverityGrade.III, 30, "500000");
    }

    private Task<string> LogAsync(IncidentCommands service, Actor officer, int workers, decimal yuan) =>
        PlaybookEditingTests.LogAsync(app, service, officer, workers, yuan);

    private Task<SeverityGrade> SuggestedGradeAsync(string number) =>
        app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.SuggestedGrade).SingleAsync());
}
