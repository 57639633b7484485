using Bunit;
using Disputes.Domain;
using Disputes.Web.Features.Home;

namespace Disputes.Web.Tests.Components;

public sealed class HomeTests : MudBlazorContext
{
    [Fact]
    public void Greets_the_user_by_name_for_the_time_of_day_in_china()
    {
        // 01:30 UTC is 09:30 in China.
        var home = Render<Home>(p => p.AddCascadingValue(Users.SignedIn(Roles.TownOfficer)));

        Assert.Equal("早上好，王海涛", home.Find("[data-testid=greeting]").TextContent.Trim());
        Assert.Contains("张浦镇总工会 · 镇工会干部", home.Markup);
        Assert.Contains("2026-11-25 09:30", home.Markup);
    }

    [Fact]
    public void Evening_in_china_is_evening_whatever_the_server_thinks()
    {
        Clock.Advance(TimeSpan.FromHours(11)); // 12:30 UTC, 20:30 in China

        var home = Render<Home>(p => p.AddCascadingValue(Users.SignedIn(Roles.TownChair, "陈卫东")));

        Assert.Equal("晚上好，陈卫东", home.Find("[data-testid=greeting]").TextContent.Trim());
        Assert.Contains("本镇案件的第一级督办", home.Find("[data-testid=role-duty]").TextContent);
    }
}

public sealed class HomeInEnglishTests() : MudBlazorContext("en")
{
    [Fact]
    public void Speaks_english_when_the_user_chose_it()
    {
        var home = Render<Home>(p => p.AddCascadingValue(Users.SignedIn(Roles.FederationDutyOfficer, "Zhao Qiang", "昆山市总工会", "Kunshan Federation of Trade Unions")));

        Assert.Equal("Good morning, Zhao Qiang", home.Find("[data-testid=greeting]").TextContent.Trim());
        Assert.Contains("Kunshan Federation of Trade Unions · Federation duty officer", home.Markup);
    }
}
