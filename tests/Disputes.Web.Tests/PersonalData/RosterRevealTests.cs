using Bunit;
using Disputes.Domain;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Roster;
using Disputes.Web.Tests.Components;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.PersonalData;

/// <summary>The incident page's roster as a circuit renders it: masked, a reveal for those allowed, after a reason, for a minute.</summary>
public sealed class RosterRevealTests : MudBlazorContext, IClassFixture<DisputesAppFactory>
{
    private readonly DisputesAppFactory _app;

    public RosterRevealTests(DisputesAppFactory app)
    {
        _app = app;
        Services.AddIncidentPageServices(app);
        // The app's clock for the page too: the minute is counted on one clock, and moved by a minute, not by days.
        Services.AddSingleton<TimeProvider>(app.Clock);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task The_chair_reveals_a_workers_whole_number_for_a_minute_after_giving_a_reason_and_the_officer_cannot()
    {
        var number = await LogAsync(_app);
        var id = ResidentIdNumber.Parse("32058319850312001" + ResidentIdNumber.CheckCharacter("32058319850312001"));
        var officer = await Actors.ForAsync(_app, "zp.officer");
        Assert.True((await _app.Services.GetRequiredService<IncidentCommands>().SendAsync(officer, new ImportWorkers(number,
            [new WorkerClaim("张三", id, "13812345678", Money.FromYuan(8000))]))).Succeeded);
        _ = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        var officerUser = Actors.StateOf(await Actors.ForAsync(_app, "zp.officer"));
        var chairUser = Actors.StateOf(await Actors.ForAsync(_app, "zp.chair"));
        var forOfficer = Render<IncidentPage>(p => p.Add(x => x.Number, number).AddCascadingValue(officerUser));
        forOfficer.WaitForAssertion(() => Assert.Contains("320583********", forOfficer.Find("[data-testid=roster-id-number]").TextContent));
        Assert.Empty(forOfficer.FindAll("[data-testid=reveal]"));

        var page = Render<IncidentPage>(p => p.Add(x => x.Number, number).AddCascadingValue(chairUser));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=reveal]")));
        Assert.DoesNotContain(id.Value, page.Markup);
        await page.InvokeAsync(() => page.Find("[data-testid=reveal]").Click());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-reason]")));
        // No reason picked: told so, nothing shown.
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=dialog-ok]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("请选择或填写查看用途", dialogs.Find("[data-testid=reveal-error]").TextContent));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-reason='Reveal.Reason.LegalAid']").Click());
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=dialog-ok]").Click());

        page.WaitForAssertion(() => Assert.Contains(id.Value, page.Find("[data-testid=roster-id-number]").TextContent));
        Assert.Contains("13812345678", page.Markup);
        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        page.WaitForAssertion(() => Assert.DoesNotContain(id.Value, page.Markup));
        Assert.Contains("320583********", page.Find("[data-testid=roster-id-number]").TextContent);
    }

}
