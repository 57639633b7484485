using System.Net;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Web.Features.Admin;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Admin;

/// <summary>Every save of the playbook's editor is one numbered version, kept whole beside the plan.</summary>
public sealed class PlaybookVersionTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private PlaybookEditing Editing => app.Services.GetRequiredService<PlaybookEditing>();

    [Fact]
    public async Task A_save_that_changes_several_parts_is_one_new_version_kept_as_the_plan_was_saved()
    {
        var before = await VersionsAsync();
        var draft = await Editing.LoadAsync();
        draft.Durations.Single(d => d.Kind == PlanStepKind.WrittenReport).MajorMinutes += 30;
        draft.Requirements[IncidentType.SocialInsurance] = [DepartmentKind.LaborInspection];
        draft.Level3AfterMinutes += 10;
        draft.Grading.Single(t => t.Grade == SeverityGrade.III).Workers = 25;
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        var result = await Editing.SaveAsync(draft, Actors.Administrator("系统管理员"));

        Assert.True(result.Succeeded, result.Error);
        var after = await VersionsAsync();
        var added = Assert.Single(after.ExceptBy(before.Select(v => v.Version), v => v.Version));
        Assert.Equal(draft.Version + 1, added.Version);
        Assert.Equal(before.Max(v => v.Version) + 1, added.Version);
        Assert.Equal(("系统管理员", app.Clock.GetUtcNow().UtcDateTime), (added.SavedBy, added.SavedAtUtc));
        var playbook = await app.WithDbAsync(db => db.Playbooks.AsNoTracking().SingleAsync());
        Assert.Equal(added.Version, playbook.Version);
        var snapshot = added.ReadSnapshot();
        Assert.Equal(PlaybookSnapshot.Of(playbook).ToJson(), snapshot.ToJson());
        Assert.Contains(new PlaybookSnapshot.Duration(PlanStepKind.WrittenReport, GradeBand.Major,
            draft.Durations.Single(d => d.Kind == PlanStepKind.WrittenReport).MajorMinutes), snapshot.Durations);
        Assert.Equal([new PlaybookSnapshot.Requirement(IncidentType.SocialInsurance, DepartmentKind.LaborInspection)],
            snapshot.Requirements.Where(r => r.Type == IncidentType.SocialInsurance));
        Assert.Equal(draft.Level3AfterMinutes, snapshot.Level3AfterMinutes);
        Assert.Equal(25, snapshot.Grading.WorkersForGradeIII);
        Assert.Equal(before.Single(v => v.Version == draft.Version).Snapshot, after.Single(v => v.Version == draft.Version).Snapshot);
    }

    [Fact]
    public async Task Each_save_is_the_next_version_and_the_editor_lists_them_newest_first()
    {
        var first = await SaveArrivalAsync(1, "系统管理员");
        var second = await SaveArrivalAsync(1, "另一位管理员");

        var draft = await Editing.LoadAsync();

        Assert.Equal(first + 1, second);
        Assert.Equal(second, draft.Version);
        Assert.Equal([(second, "另一位管理员"), (first, "系统管理员")], draft.History.Take(2).Select(v => (v.Version, v.SavedBy)));
        Assert.Equal(draft.History.Select(v => v.Version).OrderDescending(), draft.History.Select(v => v.Version));
        Assert.True(draft.History.Count <= PlaybookEditing.HistoryLength);
    }

    [Fact]
    public async Task A_refused_an_unchanged_or_a_stale_save_keeps_no_version()
    {
        var before = await VersionsAsync();
        var refused = await Editing.LoadAsync();
        refused.Level2AfterMinutes += 5;
        refused.Grading.Single(t => t.Grade == SeverityGrade.II).Workers = 1000;
        var stale = await Editing.LoadAsync();
        stale.Level2AfterMinutes += 7;

        Assert.Equal("playbook.grading-order", (await Editing.SaveAsync(refused, Actors.Administrator("系统管理员"))).Error);
        Assert.False((await Editing.SaveAsync(await Editing.LoadAsync(), Actors.Administrator("系统管理员"))).Changed);
        Assert.Equal(before.Select(v => v.Version), (await VersionsAsync()).Select(v => v.Version));

        await SaveArrivalAsync(1, "另一位管理员");
        var afterOtherSave = await VersionsAsync();
        Assert.Equal(PlaybookSaveResult.Conflict, (await Editing.SaveAsync(stale, Actors.Administrator("系统管理员"))).Error);
        Assert.Equal(afterOtherSave.Select(v => v.Version), (await VersionsAsync()).Select(v => v.Version));
    }

    [Fact]
    public async Task The_editor_shows_the_version_history_in_china_time()
    {
        var version = await SaveArrivalAsync(1, "系统管理员");
        var admin = await SignIn.AsAsync(app, "admin");

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/playbook"));

        Assert.Contains("版本记录", html);
        Assert.Contains($"data-version=\"{version}\"", html);
        Assert.Contains($"第 {version} 版", html);
        Assert.Contains(Disputes.Domain.ChinaTime.Now(app.Clock).ToString("yyyy-MM-dd HH:mm"), html);
    }

    private async Task<int> SaveArrivalAsync(int addMinutes, string by)
    {
        var draft = await Editing.LoadAsync();
        draft.Durations.Single(d => d.Kind == PlanStepKind.ArriveOnScene).MinorMinutes += addMinutes;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var result = await Editing.SaveAsync(draft, Actors.Administrator(by));
        Assert.True(result.Succeeded, result.Error);
        return draft.Version + 1;
    }

    private Task<List<PlaybookVersion>> VersionsAsync() =>
        app.WithDbAsync(db => db.PlaybookVersions.AsNoTracking().OrderBy(v => v.Version).ToListAsync());
}
