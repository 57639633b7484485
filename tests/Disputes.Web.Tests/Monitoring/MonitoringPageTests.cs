using Bunit;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Components;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Monitoring;
using Disputes.Web.Realtime;
using Disputes.Web.Tests.Components;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Monitoring;

/// <summary>The monitoring page rendered with bUnit on the real services and database of <see cref="WallData"/>, in Chinese.</summary>
public sealed class MonitoringPageTests : MudBlazorContext, IClassFixture<WallData>
{
    private readonly WallData _data;

    public MonitoringPageTests(WallData data)
    {
        _data = data;
        Services.AddSingleton(data.Get<WallFeed>());
        Services.AddSingleton(data.Get<IncidentNarrator>());
        Services.AddSingleton<TimeProvider>(data.App.Clock);
        Services.AddScoped<ReconnectNotifier>();
    }

    [Fact]
    public async Task A_city_leader_sees_every_section_of_the_wall_in_chinese_with_no_enum_name()
    {
        var page = await RenderAsync("leader");

        Assert.Equal(["wall-totals", "wall-grid", "wall-overdue", "wall-escalations", "wall-breakdown", "wall-towns", "wall-departments", "wall-trend"],
            page.FindAll("section.wall-card").Select(s => s.GetAttribute("data-testid")!));
        Assert.Contains("全市劳资纠纷监测", page.Markup);
        Assert.Equal("3", page.Find("[data-testid=wall-open]").TextContent.Trim());
        Assert.Equal("270.0 万元", page.Find("[data-testid=wall-owed]").TextContent.Trim());
        Assert.Equal("30%", page.Find("[data-testid=wall-rate]").TextContent.Trim());
        Assert.Equal("1", page.Find($"[data-testid=wall-cell][data-town='{_data.Zhangpu}'][data-grade=II]").TextContent.Trim());
        Assert.Equal("3", page.Find($"[data-testid=wall-cell][data-town='{_data.Yushan}'][data-grade=I]").GetAttribute("data-lateness"));
        // Zhangpu's arrivals: 20 and 50 minutes.
        Assert.Equal("20分钟 / 50分钟", Text(page.Find($"[data-testid=wall-town-response][data-town='{_data.Zhangpu}'] [data-measure=arrive]")));
        Assert.Equal("15分钟 / 2小时", Text(page.Find("[data-testid=wall-department-response][data-department=Justice] [data-measure=acknowledge]")));
        Assert.Contains("已化解", Text(page.Find("[data-testid=wall-by-stage]")));
        Assert.Contains("欠薪逃匿", Text(page.Find("[data-testid=wall-by-type]")));
        Assert.Contains("升级至", Text(page.Find("[data-testid=wall-escalation]")));
        NoEnumNames(page);
    }

    [Fact]
    public async Task Each_response_figure_names_its_definition()
    {
        var page = await RenderAsync("leader");
        var definitions = page.FindAll(".wall-defined [aria-label]").Select(e => e.GetAttribute("aria-label")!).ToList();

        Assert.Contains(definitions, d => d.StartsWith("到场: 到场用时：从登记到确认到场", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("签收用时（MTTA）：从联动到该部门签收", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("化解用时（MTTR）：从登记到首次进入“已化解”", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("暂停的时间不计", StringComparison.Ordinal));
        Assert.Equal(8, definitions.Count);
        Assert.Contains("超时已报市领导", page.Find(".wall-legend").TextContent);
    }

    [Fact]
    public async Task The_period_in_the_link_is_the_period_of_the_response_figures()
    {
        var page = await RenderAsync("leader", "/monitoring?period=week");

        Assert.Contains("2026-10-19 – 2026-10-20", Text(page.Find("[data-testid=wall-period]")));
        Assert.All(page.FindAll("[data-testid=wall-town-response] [data-measure=arrive]"), cell => Assert.Equal("0", cell.GetAttribute("data-count")));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/monitoring?from=2026-10-01&to=2026-10-10");
        page.Render();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=wall-town-response][data-town=city] [data-measure=arrive]").GetAttribute("data-count")));
    }

    [Fact]
    public async Task A_town_officers_wall_has_only_their_town()
    {
        var page = await RenderAsync("ys.officer");

        Assert.Equal([_data.Yushan.ToString()], page.FindAll("[data-testid=wall-town-response]").Select(r => r.GetAttribute("data-town")!));
        Assert.All(page.FindAll("[data-testid=wall-cell]"), c => Assert.Equal(_data.Yushan.ToString(), c.GetAttribute("data-town")));
        Assert.Equal("1", page.Find("[data-testid=wall-open]").TextContent.Trim());
    }

    private async Task<IRenderedComponent<MonitoringPage>> RenderAsync(string userName, string uri = "/monitoring")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var state = Actors.StateOf(await _data.ActorAsync(userName));
        var page = Render<MonitoringPage>(p => p.AddCascadingValue(state));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=wall]")), TimeSpan.FromSeconds(10));
        return page;
    }

    private static string Text(AngleSharp.Dom.IElement element) => string.Join(" ", element.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>No value of an enum the wall names may show as its code name.</summary>
    private static void NoEnumNames<T>(IRenderedComponent<T> page) where T : IComponent
    {
        var text = page.Find("[data-testid=wall]").TextContent;
        var names = EnumText.Named.Append(typeof(DepartmentKind)).SelectMany(Enum.GetNames).Where(n => n.Length > 2).Distinct();
        Assert.DoesNotContain(names, n => text.Contains(n, StringComparison.Ordinal));
    }
}
