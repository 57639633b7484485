using Disputes.Web.Features.Enterprises;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Enterprises;

/// <summary>The registry on the seeded demo city: three enterprises in Zhangpu, five in Yushan.</summary>
public sealed class EnterpriseQueryTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private EnterpriseQueries Queries => app.Services.GetRequiredService<EnterpriseQueries>();

    [Theory]
    [InlineData("zp.officer", 3)]
    [InlineData("zp.chair", 3)]
    [InlineData("ys.officer", 5)]
    [InlineData("duty", 8)]
    [InlineData("labor.liaison", 8)]
    [InlineData("zp.justice", 8)]
    public async Task Town_users_see_their_towns_enterprises_and_everyone_else_the_city(string userName, int expected)
    {
        var (rows, total) = await Queries.ListAsync(await Actors.ForAsync(app, userName), null, 0, 50);

        Assert.Equal(expected, total);
        Assert.Equal(expected, rows.Count);
    }

    [Fact]
    public async Task A_zhangpu_officer_never_finds_a_yushan_enterprise()
    {
        var officer = await Actors.ForAsync(app, "zp.officer");

        var (byName, _) = await Queries.ListAsync(officer, "富士康", 0, 50);
        var (byCode, _) = await Queries.ListAsync(officer, "91320583093Y7LLJ4T", 0, 50);
        var (all, _) = await Queries.ListAsync(officer, null, 0, 50);

        Assert.Empty(byName);
        Assert.Empty(byCode);
        Assert.All(all, row => Assert.Equal("张浦镇总工会", row.Town));
    }

    [Fact]
    public async Task Search_matches_part_of_a_name_or_a_whole_credit_code_typed_in_lower_case()
    {
        var duty = await Actors.ForAsync(app, "duty");

        var (byName, _) = await Queries.ListAsync(duty, "塑", 0, 50);
        var (byCode, _) = await Queries.ListAsync(duty, " 91320583093y7llj4t ", 0, 50);

        Assert.Equal(new[] { "昆山科家塑胶有限公司", "昆山南吉山塑料包装厂" }.Order(StringComparer.Ordinal), byName.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal("富士康（昆山）电脑接插件有限公司", Assert.Single(byCode).Name);
    }

    [Fact]
    public async Task The_list_pages_on_the_server()
    {
        var duty = await Actors.ForAsync(app, "duty");

        var (first, total) = await Queries.ListAsync(duty, null, 0, 3);
        var (last, _) = await Queries.ListAsync(duty, null, 2, 3);

        Assert.Equal(8, total);
        Assert.Equal(3, first.Count);
        Assert.Equal(2, last.Count);
        Assert.Empty(first.Select(r => r.Id).Intersect(last.Select(r => r.Id)));
    }

    [Theory]
    [InlineData("郑某某 13812345678", "郑某某 138****5678")]
    [InlineData("人事 0512-57451234", "人事 051*-****1234")]
    [InlineData("王 138 1234 5678", "王 138 **** 5678")]
    [InlineData("工会办公室", "工会办公室")]
    [InlineData("分机 8021", "分机 8021")]
    [InlineData("", "")]
    public void Phone_numbers_in_a_contact_keep_only_their_first_three_and_last_four_digits(string contact, string masked)
    {
        Assert.Equal(masked, EnterpriseQueries.MaskContact(contact));
    }
}
