using System.Net;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Admin;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Admin;

/// <summary>The emergency plan's editor: all or nothing, through the domain's own rules, and only for steps created afterwards.</summary>
public sealed class PlaybookEditingTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private PlaybookEditing Editing => app.Services.GetRequiredService<PlaybookEditing>();

    [Fact]
    public async Task A_saved_change_is_kept_with_who_made_it_and_when()
    {
        var draft = await Editing.LoadAsync();
        var arrive = draft.Durations.Single(d => d.Kind == PlanStepKind.ArriveOnScene);
        arrive.MinorMinutes += 15;
        draft.Requirements[IncidentType.Other] = [DepartmentKind.Petition, DepartmentKind.LaborInspection];
        draft.Level2AfterMinutes += 5;
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await Editing.SaveAsync(draft, Actors.Administrator("系统管理员"));
        var saved = await Editing.LoadAsync();

        Assert.True(result.Succeeded);
        Assert.True(result.Changed);
        Assert.Equal(arrive.MinorMinutes, saved.Durations.Single(d => d.Kind == PlanStepKind.ArriveOnScene).MinorMinutes);
        Assert.Equal([DepartmentKind.LaborInspection, DepartmentKind.Petition], saved.Requirements[IncidentType.Other]);
        Assert.Equal(draft.Level2AfterMinutes, saved.Level2AfterMinutes);
        Assert.Equal("系统管理员", saved.UpdatedBy);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, saved.UpdatedAtUtc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    [InlineData(Disputes.Domain.Playbooks.Playbook.MaxMinutes + 1)]
    public async Task A_step_duration_out_of_range_is_refused_and_nothing_is_saved(int minutes)
    {
        var before = await Editing.LoadAsync();
        var draft = await Editing.LoadAsync();
        draft.Durations.Single(d => d.Kind == PlanStepKind.ArriveOnScene).MajorMinutes += 1;
        draft.Requirements[IncidentType.Other] = [DepartmentKind.Police];
        draft.Durations.Single(d => d.Kind == PlanStepKind.WrittenReport).MinorMinutes = minutes;
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await Editing.SaveAsync(draft, Actors.Administrator("系统管理员"));
        var after = await Editing.LoadAsync();

        Assert.False(result.Succeeded);
        Assert.Equal("playbook.duration", result.Error);
        Assert.Equal(PlanStepKind.WrittenReport, result.Kind);
        Assert.Equal(GradeBand.Minor, result.Band);
        AssertSame(before, after);
    }

    [Fact]
    public async Task A_negative_escalation_gap_is_refused_and_nothing_is_saved()
    {
        var before = await Editing.LoadAsync();
        var draft = await Editing.LoadAsync();
        draft.Durations.Single(d => d.Kind == PlanStepKind.InitialReport).MajorMinutes += 1;
        draft.Level3AfterMinutes = -1;

        var result = await Editing.SaveAsync(draft, Actors.Administrator("系统管理员"));

        Assert.False(result.Succeeded);
        Assert.Equal("playbook.duration", result.Error);
        Assert.Null(result.Kind);
        AssertSame(before, await Editing.LoadAsync());
    }

    [Fact]
    public async Task Saving_over_someone_elses_newer_change_is_refused_with_their_name()
    {
        var mine = await Editing.LoadAsync();
        var theirs = await Editing.LoadAsync();
        theirs.Durations.Single(d => d.Kind == PlanStepKind.ProgressUpdate).MajorMinutes += 60;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Editing.SaveAsync(theirs, Actors.Administrator("另一位管理员"))).Succeeded);
        mine.Durations.Single(d => d.Kind == PlanStepKind.Resolve).MajorMinutes += 60;
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await Editing.SaveAsync(mine, Actors.Administrator("系统管理员"));

        Assert.False(result.Succeeded);
        Assert.Equal(PlaybookSaveResult.Conflict, result.Error);
        Assert.Equal("另一位管理员", result.ConflictBy);
    }

    [Fact]
    public async Task Saving_without_changes_leaves_the_last_change_as_it_was()
    {
        var before = await Editing.LoadAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await Editing.SaveAsync(await Editing.LoadAsync(), Actors.Administrator("someone-else"));

        Assert.True(result.Succeeded);
        Assert.False(result.Changed);
        Assert.Equal(before.UpdatedBy, (await Editing.LoadAsync()).UpdatedBy);
    }

    [Fact]
    public async Task A_new_timer_applies_to_incidents_logged_afterwards_and_not_before()
    {
        var service = app.Services.GetRequiredService<IncidentCommands>();
        var officer = await Actors.ForAsync(app, "zp.officer");
        var earlier = await LogAsync(service, officer);
        var draft = await Editing.LoadAsync();
        var newMinutes = draft.Durations.Single(d => d.Kind == PlanStepKind.ArriveOnScene).MinorMinutes + 7;
        draft.Durations.Single(d => d.Kind == PlanStepKind.ArriveOnScene).MinorMinutes = newMinutes;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Editing.SaveAsync(draft, Actors.Administrator("系统管理员"))).Succeeded);

        var later = await LogAsync(service, officer);

        Assert.NotEqual(TimeSpan.FromMinutes(newMinutes), await ArrivalAllowanceAsync(earlier));
        Assert.Equal(TimeSpan.FromMinutes(newMinutes), await ArrivalAllowanceAsync(later));
    }

    [Fact]
    public async Task Only_administrators_open_the_editor_which_says_changes_apply_to_new_steps()
    {
        var admin = await SignIn.AsAsync(app, "admin");
        var duty = await SignIn.AsAsync(app, "duty");

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/playbook"));
        var refused = await duty.GetAsync("/admin/playbook");

        Assert.Contains("修改只对保存之后生成的预案步骤生效", html);
        Assert.Contains("到场", html);
        Assert.Contains("Ⅰ–Ⅱ级", html);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    internal static void AssertSame(PlaybookDraft expected, PlaybookDraft actual)
    {
        Assert.Equal(expected.Durations.Select(d => (d.Kind, d.MajorMinutes, d.MinorMinutes)), actual.Durations.Select(d => (d.Kind, d.MajorMinutes, d.MinorMinutes)));
        Assert.Equal(expected.Requirements.OrderBy(r => r.Key).Select(r => (r.Key, string.Join(",", r.Value))),
            actual.Requirements.OrderBy(r => r.Key).Select(r => (r.Key, string.Join(",", r.Value))));
        Assert.Equal((expected.Level2AfterMinutes, expected.Level3AfterMinutes), (actual.Level2AfterMinutes, actual.Level3AfterMinutes));
        Assert.Equal(expected.Grading.Select(t => (t.Grade, t.Workers, t.Wages)), actual.Grading.Select(t => (t.Grade, t.Workers, t.Wages)));
        Assert.Equal((expected.Version, expected.UpdatedBy, expected.UpdatedAtUtc), (actual.Version, actual.UpdatedBy, actual.UpdatedAtUtc));
        Assert.Equal(expected.History, actual.History);
    }

    /// <summary>A small wage-arrears case at a Zhangpu enterprise, logged through the app's own handler.</summary>
    internal static async Task<string> LogAsync(DisputesAppFactory app, IncidentCommands service, Actor officer, int workers, decimal yuan)
    {
        var enterpriseId = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山南吉山塑料包装厂").Select(e => e.Id).SingleAsync());
        var result = await service.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterpriseId, null, IncidentType.WageArrears, workers,
            Money.FromYuan(yuan), 1, "厂区", AggravatingFacts.None, "欠薪", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    private Task<string> LogAsync(IncidentCommands service, Actor officer) => LogAsync(app, service, officer, workers: 10, yuan: 50_000m);

    private Task<TimeSpan> ArrivalAllowanceAsync(string number) => app.WithDbAsync(async db =>
    {
        var incident = await db.Incidents.Include(i => i.Steps).SingleAsync(i => i.Number == number);
        var step = incident.Steps.Single(s => s.Kind == PlanStepKind.ArriveOnScene);
        return step.DueAtUtc - step.StartsAtUtc;
    });
}
