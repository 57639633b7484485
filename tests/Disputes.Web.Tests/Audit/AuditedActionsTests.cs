using System.Net;
using Disputes.Data;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Admin;
using Disputes.Web.Features.Audit;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Audit;

/// <summary>
/// What reaches the audit trail besides the security events: every incident event from the one write path, in its
/// transaction (an append that fails takes the change with it), escalations by the system, exports and playbook versions;
/// with the user, their organisation and, from a request, where they were.
/// </summary>
public sealed class AuditedActionsTests
{
    [Fact]
    public async Task Every_entry_of_an_incident_is_on_the_trail_with_its_number_user_and_organisation()
    {
        using var app = new DisputesAppFactory();
        var number = await LogAsync(app);
        var officer = await Actors.ForAsync(app, "zp.officer");
        Assert.True((await app.Services.GetRequiredService<IncidentCommands>().SendAsync(officer, new AddProgressNote(number, "已与企业负责人取得联系"))).Succeeded);

        var timeline = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Timeline)
            .OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Kind, e.ActorUserId }).ToListAsync());
        var trail = await TrailAsync(app, number);

        Assert.Equal(timeline.Select(e => (AuditTypes.Of(e.Kind), AuditTypes.TimelineObject(e.Sequence), e.ActorUserId)),
            trail.Select(r => (r.Type, r.Object!, r.UserId!)));
        var note = trail.Single(r => r.Type == AuditTypes.Of(TimelineKind.Note));
        Assert.Equal(("王海涛", "张浦镇总工会", AuditTypes.Succeeded), (note.UserName, note.Organisation, note.Result));
        Assert.True((await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact);
    }

    [Fact]
    public async Task A_change_whose_audit_entry_cannot_be_written_is_not_saved_either()
    {
        using var app = new DisputesAppFactory();
        var number = await LogAsync(app);
        var officer = await Actors.ForAsync(app, "zp.officer");
        var entriesBefore = await EntryCountAsync(app, number);
        // With the chain's head gone no entry can take a place: the append throws inside the change's transaction.
        await app.WithDbAsync(db => db.AuditHeads.ExecuteDeleteAsync());

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() =>
            app.Services.GetRequiredService<IncidentCommands>().SendAsync(officer, new AddProgressNote(number, "这条记录不应留下")));

        Assert.Equal(entriesBefore, await EntryCountAsync(app, number));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditTrail.CountAsync(r => r.IncidentNumber == number && r.Type == AuditTypes.Of(TimelineKind.Note))));
    }

    [Fact]
    public async Task An_escalation_is_on_the_trail_as_the_systems_own()
    {
        using var app = new DisputesAppFactory();
        var number = await LogAsync(app);
        var step = await StepAsync(app, number, PlanStepKind.ArriveOnScene);
        app.Clock.SetUtcNow(step.DueAtUtc.AddMinutes(1));

        await SweepAsync(app);

        var escalated = (await TrailAsync(app, number)).First(r => r.Type == AuditTypes.Of(TimelineKind.Escalated));
        Assert.Equal((TimelineEntry.SystemUserId, (string?)null), (escalated.UserId, escalated.Organisation));
    }

    [Fact]
    public async Task An_export_and_a_playbook_version_are_on_the_trail()
    {
        using var app = new DisputesAppFactory();
        var number = await LogAsync(app);
        var client = await SignIn.AsAsync(app, "zp.officer");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/exports/incidents/{number}/roster.xlsx")).StatusCode);

        var editing = app.Services.GetRequiredService<PlaybookEditing>();
        var draft = await editing.LoadAsync();
        draft.Durations.Single(d => d.Kind == PlanStepKind.ArriveOnScene).MinorMinutes += 5;
        Assert.True((await editing.SaveAsync(draft, Actors.Administrator("系统管理员"))).Succeeded);

        var export = Assert.Single(await TrailAsync(app, number), r => r.Type == AuditTypes.Exported);
        Assert.Equal(("王海涛", "张浦镇总工会"), (export.UserName, export.Organisation));
        Assert.StartsWith("export:", export.Object);
        var version = Assert.Single(await app.WithDbAsync(db => db.AuditTrail.Where(r => r.Type == AuditTypes.PlaybookVersionSaved).ToListAsync()));
        Assert.Equal((AuditTypes.PlaybookObject(draft.Version + 1), "系统管理员"), (version.Object, version.UserName));
    }

    [Fact]
    public async Task A_change_made_from_another_address_is_recorded_with_that_address()
    {
        using var app = new DisputesAppFactory();
        var server = app.StartOnKestrel();
        var number = await LogAsync(app);
        var client = DisputesAppFactory.CreateClientFrom(server, "127.0.0.2");
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, "zp.officer", SignIn.DemoPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/exports/incidents/{number}/ledger.csv")).StatusCode);

        var export = Assert.Single(await TrailAsync(app, number), r => r.Type == AuditTypes.Exported);
        Assert.Equal("127.0.0.2", export.ClientAddress);
    }

    private static Task<List<AuditRecord>> TrailAsync(DisputesAppFactory app, string number) =>
        app.WithDbAsync(db => db.AuditTrail.AsNoTracking().Where(r => r.IncidentNumber == number).OrderBy(r => r.Sequence).ToListAsync());

    private static Task<int> EntryCountAsync(DisputesAppFactory app, string number) =>
        app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Timeline).CountAsync());
}
