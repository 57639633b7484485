using System.Globalization;
using Disputes.Domain;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Bulletins;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Reports;

/// <summary>Issue numbers run 1, 2, … within a year, without a gap or a twice-used number when editors issue at once, and start again in January.</summary>
public sealed class BulletinNumberingTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Bulletins_are_numbered_per_year_and_concurrent_issues_each_get_their_own_number()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        // 30 December in China: two issues this year, then the year turns.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 30, 2, 0, 0, TimeSpan.Zero));
        var duty = await Actors.ForAsync(app, "duty");
        var zhangpu = await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == "ZP").Select(o => o.Id).SingleAsync());
        var composer = app.Services.GetRequiredService<BulletinComposer>();
        var issuing = app.Services.GetRequiredService<BulletinIssuing>();
        var draft = await composer.ComposeAsync(duty, "工作简报", ReportPeriod.MonthOf(new DateOnly(2026, 12, 1)) with { To = new DateOnly(2026, 12, 30) });
        Task<IssueResult> IssueAsync() => issuing.IssueAsync(duty, new IssueBulletin(draft.Name, draft.Period, draft.Culture, draft.Paragraphs(), [], [zhangpu]));

        var first = await IssueAsync();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(IssueAsync)));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero));
        var january = await IssueAsync();

        Assert.Equal((true, 2026, 1), (first.Succeeded, first.Year, first.Number));
        Assert.All(concurrent, r => Assert.True(r.Succeeded, r.ErrorCode));
        Assert.Equal([2, 3, 4, 5], concurrent.Select(r => r.Number).Order());
        Assert.Equal((true, 2027, 1), (january.Succeeded, january.Year, january.Number));
        var issued = await app.Services.GetRequiredService<BulletinQueries>().IssuedAsync();
        Assert.Equal(["2027-1", "2026-5", "2026-4", "2026-3", "2026-2", "2026-1"], issued.Select(b => $"{b.Year}-{b.Number}"));
        Assert.Equal(new DateOnly(2027, 1, 1), issued[0].IssuedOn);
    }
}
