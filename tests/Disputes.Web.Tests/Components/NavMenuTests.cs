using Bunit;
using Disputes.Domain;
using Disputes.Web.Components.Layout;

namespace Disputes.Web.Tests.Components;

public sealed class NavMenuTests : MudBlazorContext
{
    [Theory]
    [InlineData(Roles.TownOfficer, new[] { "/", "/incidents/new", "/monitoring", "/board", "/enterprises" })]
    [InlineData(Roles.DepartmentLiaison, new[] { "/", "/monitoring", "/board", "/enterprises" })]
    [InlineData(Roles.CityLeader, new[] { "/", "/monitoring", "/board", "/enterprises", "/bulletins", "/admin/organisations" })]
    [InlineData(Roles.FederationDutyOfficer, new[] { "/", "/incidents/new", "/monitoring", "/board", "/enterprises", "/bulletins", "/admin/organisations" })]
    [InlineData(Roles.Administrator, new[] { "/", "/monitoring", "/board", "/enterprises", "/admin/organisations", "/admin/users", "/admin/playbook", "/jobs" })]
    public void The_menu_offers_only_what_the_role_may_open(string role, string[] expected)
    {
        var menu = Render<NavMenu>(p => p.AddCascadingValue(Users.SignedIn(role)));

        Assert.Equal(expected, menu.FindAll("[data-nav]").Select(a => a.GetAttribute("data-nav")));
    }

    [Fact]
    public void Menu_entries_are_in_chinese()
    {
        var menu = Render<NavMenu>(p => p.AddCascadingValue(Users.SignedIn(Roles.Administrator)));

        Assert.Equal(["首页", "监测墙", "案件看板", "企业名录", "组织机构", "用户管理", "应急预案", "定时任务"], menu.FindAll("[data-nav]").Select(a => a.TextContent.Trim()));
    }
}
