using MudBlazor;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Tests.Components;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Incidents;

/// <summary>The log form and the incident page rendered with bUnit, on the real services and database of a running app.</summary>
public sealed class IncidentComponentsTests : MudBlazorContext, IClassFixture<DisputesAppFactory>
{
    /// <summary>wwwroot/app.js: listens to the form and hands back the draft the browser holds, in one call.</summary>
    private const string StartDraft = "disputesDraft.start";
    private readonly DisputesAppFactory _app;

    public IncidentComponentsTests(DisputesAppFactory app)
    {
        _app = app;
        Services.AddIncidentPageServices(app);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task The_log_form_restores_a_saved_draft()
    {
        var draft = new Dictionary<string, string?>
        {
            ["SubmissionId"] = Guid.NewGuid().ToString(),
            ["Workers"] = "120",
            ["Wages"] = "3.5万",
            ["Description"] = "信号中断前写的",
        };
        var start = JSInterop.Setup<string?>(StartDraft, _ => true);
        start.SetResult(JsonSerializer.Serialize(draft));
        var user = await SignedInAsync("zp.officer");
        var form = Render<LogIncident>(p => p.AddCascadingValue(user));

        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=draft-restored]")));
        Assert.Equal("120", form.Find("[data-testid=workers]").GetAttribute("value"));
        Assert.Equal("3.5万", form.Find("[data-testid=wages]").GetAttribute("value"));
        Assert.Contains("信号中断前写的", form.Find("[data-testid=description]").TextContent + form.Find("[data-testid=description]").GetAttribute("value"));
        Assert.Single(start.Invocations);
    }

    [Fact]
    public async Task Submitting_an_empty_form_names_each_mistake_in_chinese_and_logs_nothing()
    {
        JSInterop.Setup<string?>(StartDraft, _ => true).SetResult(null);
        var before = await _app.WithDbAsync(db => db.Incidents.CountAsync());
        var user = await SignedInAsync("zp.officer");
        var form = Render<LogIncident>(p => p.AddCascadingValue(user));
        form.WaitForAssertion(() => Assert.Equal("true", form.Find(".log-form").GetAttribute("data-draft-ready")));

        await form.InvokeAsync(() => form.Find("[data-testid=submit]").Click());

        form.WaitForAssertion(() => Assert.Contains("需要修改", form.Find("[data-testid=log-error]").TextContent));
        Assert.Contains("请选择企业，或新增企业", form.Markup);
        Assert.Contains("请选择案件类型", form.Markup);
        Assert.Contains("涉及人数应为 1 至 100000 之间的整数", form.Markup);
        Assert.Equal(before, await _app.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    /// <summary>The next two moves and 添加进展 as buttons, on one phone row; the rest under 更多.</summary>
    [Theory]
    [InlineData("zp.officer", new[] { "ConfirmArrival", "ReportUpward", "AddNote" }, new[] { "SubmitWrittenReport", "EngageDepartment", "EditDetails", "CorrectType" })]
    [InlineData("zp.chair", new[] { "ConfirmArrival", "ReportUpward", "AddNote" }, new[] { "SubmitWrittenReport", "EngageDepartment", "EditDetails", "CorrectType", "ChangeGrade", "Cancel" })]
    [InlineData("duty", new[] { "ConfirmArrival", "ReportUpward", "AddNote" }, new[] { "SubmitWrittenReport", "EngageDepartment", "EditDetails", "CorrectType", "ChangeGrade", "Cancel" })]
    [InlineData("labor.liaison", new[] { "AddNote" }, new string[0])]
    [InlineData("leader", new string[0], new string[0])]
    public async Task The_incident_page_offers_only_the_actions_the_role_may_take(string userName, string[] buttons, string[] more)
    {
        var number = await LogEngagedIncidentAsync();

        var user = await SignedInAsync(userName);
        var popovers = Render<MudPopoverProvider>();
        var page = Render<IncidentPage>(p => p.Add(x => x.Number, number).AddCascadingValue(user));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=incident-number]")));
        Assert.Equal(buttons, page.FindAll("[data-testid=actions] button[data-action]").Select(b => b.GetAttribute("data-action")));
        if (more.Length == 0)
        {
            Assert.Empty(page.FindAll("[data-testid=more-actions]"));
            return;
        }

        await page.InvokeAsync(() => page.Find("[data-testid=more-actions] button").Click());
        popovers.WaitForAssertion(() => Assert.Equal(more, popovers.FindAll("[data-action]").Select(b => b.GetAttribute("data-action"))));
        Assert.Equal("更多", page.Find("[data-testid=more-actions] button").TextContent.Trim());
    }

    [Fact]
    public async Task The_liaison_of_the_engaged_department_sees_the_acknowledge_button_and_others_do_not()
    {
        var number = await LogEngagedIncidentAsync();

        var liaisonUser = await SignedInAsync("labor.liaison");
        var officerUser = await SignedInAsync("zp.officer");
        var liaison = Render<IncidentPage>(p => p.Add(x => x.Number, number).AddCascadingValue(liaisonUser));
        var officer = Render<IncidentPage>(p => p.Add(x => x.Number, number).AddCascadingValue(officerUser));

        liaison.WaitForAssertion(() => Assert.Single(liaison.FindAll("[data-testid=acknowledge]")));
        officer.WaitForAssertion(() => Assert.NotNull(officer.Find("[data-testid=incident-number]")));
        Assert.Empty(officer.FindAll("[data-testid=acknowledge]"));
    }

    [Fact]
    public async Task Another_towns_officer_is_told_the_incident_is_not_there()
    {
        var number = await LogEngagedIncidentAsync();

        var user = await SignedInAsync("ys.officer");
        var page = Render<IncidentPage>(p => p.Add(x => x.Number, number).AddCascadingValue(user));

        page.WaitForAssertion(() => Assert.Contains("找不到案件", page.Find("[data-testid=incident-missing]").TextContent));
    }

    private async Task<string> LogEngagedIncidentAsync()
    {
        var officer = await Actors.ForAsync(_app, "zp.officer");
        var service = _app.Services.GetRequiredService<IncidentCommands>();
        var enterprise = await _app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        var result = await service.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterprise, null, IncidentType.AbscondingOwner, 45,
            Money.FromYuan(380_000), 3, "厂区", AggravatingFacts.None, "老板失联", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.True((await service.SendAsync(officer, new Web.Features.Incidents.Commands.EngageDepartments(result.Number!, [Domain.Organisations.DepartmentKind.LaborInspection]))).Succeeded);
        return result.Number!;
    }

    /// <summary>The claims the real sign-in puts in the cookie, for a demo user.</summary>
    private async Task<Task<AuthenticationState>> SignedInAsync(string userName)
    {
        var actor = await Actors.ForAsync(_app, userName);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, actor.UserId),
            new(ClaimTypes.Name, userName),
            new(UserClaims.DisplayName, actor.Name),
            new(UserClaims.OrganisationId, actor.OrganisationId.ToString(CultureInfo.InvariantCulture)),
            new(UserClaims.OrganisationType, actor.OrganisationKind.ToString()),
        };
        claims.AddRange(actor.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (actor.TownId is { } town)
        {
            claims.Add(new Claim(UserClaims.TownId, town.ToString(CultureInfo.InvariantCulture)));
        }

        if (actor.Department is { } department)
        {
            claims.Add(new Claim(UserClaims.Department, department.ToString()));
        }

        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"))));
    }
}
