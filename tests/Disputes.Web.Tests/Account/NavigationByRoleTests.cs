using System.Net;
using System.Text.RegularExpressions;
using Disputes.Web.Tests.Infrastructure;

namespace Disputes.Web.Tests.Account;

/// <summary>Each demo account signs in through the real form and sees the menu of its role, and its organisation.</summary>
public sealed partial class NavigationByRoleTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    public static TheoryData<string, string, string[]> DemoUsers => new()
    {
        { "zp.officer", "张浦镇总工会", ["/", "/incidents/new", "/monitoring", "/board", "/enterprises"] },
        { "zp.chair", "张浦镇总工会", ["/", "/incidents/new", "/monitoring", "/board", "/enterprises"] },
        { "ys.officer", "玉山镇总工会", ["/", "/incidents/new", "/monitoring", "/board", "/enterprises"] },
        { "labor.liaison", "昆山市劳动保障监察大队", ["/", "/monitoring", "/board", "/enterprises"] },
        { "zp.justice", "张浦司法所", ["/", "/monitoring", "/board", "/enterprises"] },
        { "duty", "昆山市总工会", ["/", "/incidents/new", "/monitoring", "/board", "/enterprises", "/bulletins", "/admin/organisations"] },
        { "leader", "昆山市总工会", ["/", "/monitoring", "/board", "/enterprises", "/bulletins", "/admin/organisations"] },
        { "admin", "昆山市总工会", ["/", "/admin/organisations", "/admin/playbook", "/jobs"] },
        { "security", "昆山市总工会", ["/", "/admin/users", "/admin/sessions"] },
        { "auditor", "昆山市总工会", ["/", "/admin/audit", "/admin/security-events"] },
    };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Each_demo_role_signs_in_and_sees_its_own_navigation(string userName, string organisation, string[] menu)
    {
        var client = await SignIn.AsAsync(app, userName);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.Equal(menu, NavEntry().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Matches($"data-testid=\"app-org\".*?<span class=\"mud-chip-content\">{organisation}</span>", html);
    }

    [Theory]
    [InlineData("zp.officer", "/admin/users")]
    [InlineData("duty", "/admin/users")]
    [InlineData("duty", "/admin/playbook")]
    [InlineData("zp.officer", "/admin/playbook")]
    [InlineData("labor.liaison", "/admin/organisations")]
    public async Task A_page_outside_the_role_is_refused(string userName, string path)
    {
        var client = await SignIn.AsAsync(app, userName);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_jobs_dashboard_opens_for_administrators_only()
    {
        var admin = await SignIn.AsAsync(app, "admin");
        var officer = await SignIn.AsAsync(app, "zp.officer");

        var forAdmin = await admin.GetAsync("/jobs");
        var forOfficer = await officer.GetAsync("/jobs");

        Assert.True(forAdmin.StatusCode == HttpStatusCode.OK, await forAdmin.Content.ReadAsStringAsync());
        Assert.Contains("Hangfire", await forAdmin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, forOfficer.StatusCode);
        Assert.Equal("/account/access-denied", forOfficer.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_language_switch_turns_the_interface_to_english_and_back()
    {
        var client = await SignIn.AsAsync(app, "zp.officer");

        var toEnglish = await client.GetAsync("/culture/en?redirectUri=%2F");
        var english = await client.GetStringAsync("/");
        await client.GetAsync("/culture/zh-CN?redirectUri=%2F");
        var chinese = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.Equal("/", toEnglish.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Zhangpu Trade Union", english);
        Assert.Contains("<html lang=\"zh-CN\">", chinese);
        Assert.Contains("张浦镇总工会", chinese);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        var response = await app.CreateBrowserClient().GetAsync("/culture/en?redirectUri=https%3A%2F%2Fevil.example");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("data-nav=\"([^\"]+)\"")]
    private static partial Regex NavEntry();
}
