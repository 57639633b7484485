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
    [InlineData(Roles.Administrator, new[] { "/", "/admin/organisations", "/admin/playbook", "/jobs" })]
    [InlineData(Roles.SecurityAdministrator, new[] { "/", "/admin/users", "/admin/sessions" })]
    [InlineData(Roles.AuditAdministrator, new[] { "/", "/admin/audit", "/admin/security-events" })]
    public void The_menu_offers_only_what_the_role_may_open(string role, string[] expected)
    {
        var menu = Render<NavMenu>(p => p.AddCascadingValue(Users.SignedIn(role)));

        Assert.Equal(expected, menu.FindAll("[data-nav]").Select(a => a.GetAttribute("data-nav")));
    }

    [Fact]
    public void Menu_entries_are_in_chinese()
    {
        var duty = Render<NavMenu>(p => p.AddCascadingValue(Users.SignedIn(Roles.FederationDutyOfficer)));
        var admin = Render<NavMenu>(p => p.AddCascadingValue(Users.SignedIn(Roles.Administrator)));

        Assert.Equal(["首页", "登记案件", "监测墙", "案件看板", "企业名录", "工作简报", "组织机构"], duty.FindAll("[data-nav]").Select(a => a.TextContent.Trim()));
        Assert.Equal(["首页", "组织机构", "应急预案", "定时任务"], admin.FindAll("[data-nav]").Select(a => a.TextContent.Trim()));
    }
}
