using Bunit;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Bulletins;
using Disputes.Web.Features.Reports;
using Disputes.Web.Resources;
using Disputes.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Tests.Reports;

/// <summary>The bulletin's pieces as bUnit renders them, in Chinese.</summary>
public sealed class BulletinComponentTests : MudBlazorContext
{
    private static readonly DateTime IssuedAtUtc = new(2026, 3, 31, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_paper_has_the_title_block_the_paragraphs_in_order_and_the_footer()
    {
        var bulletin = Issued(sentTo: ["江苏省总工会", "苏州市总工会"], distributedTo: ["张浦镇总工会"]);

        var paper = Render<BulletinPaper>(p => p.Add(x => x.Bulletin, bulletin).Add(x => x.Text, BulletinText.Of(bulletin, Localizer)));

        Assert.Equal("工作简报", paper.Find("[data-testid=bulletin-name]").TextContent);
        Assert.Equal("2026年第3期", paper.Find("[data-testid=bulletin-issue]").TextContent);
        Assert.Equal("2026年3月31日", paper.Find("[data-testid=bulletin-date]").TextContent);
        Assert.Equal(["本月全市共接报劳资纠纷1起。", "张浦镇总工会第一时间到场。", "职工已返岗。"], paper.FindAll(".bulletin-text").Select(p => p.TextContent));
        Assert.Equal("张浦镇总工会处置科家塑胶欠薪逃匿事件", paper.Find(".bulletin-heading").TextContent);
        Assert.Equal("报：江苏省总工会，苏州市总工会", paper.Find("[data-line=sent-to]").TextContent);
        Assert.Equal("发：张浦镇总工会", paper.Find("[data-line=distributed-to]").TextContent);
    }

    [Fact]
    public void A_footer_line_with_nobody_on_it_is_left_out()
    {
        var bulletin = Issued(sentTo: [], distributedTo: ["张浦镇总工会"]);

        var paper = Render<BulletinPaper>(p => p.Add(x => x.Bulletin, bulletin).Add(x => x.Text, BulletinText.Of(bulletin, Localizer)));

        Assert.Empty(paper.FindAll("[data-line=sent-to]"));
        Assert.Single(paper.FindAll("[data-line=distributed-to]"));
    }

    [Fact]
    public void A_reworded_paragraph_is_marked_and_its_draft_can_be_restored()
    {
        var paragraph = new DraftParagraph("标题", "原稿内容。");
        var editor = Render<ParagraphEditor>(p => p.Add(x => x.Paragraph, paragraph).Add(x => x.Label, "段落内容"));
        Assert.Empty(editor.FindAll("[data-testid=paragraph-edited]"));

        editor.Find("textarea").Change("改写后的内容。");

        Assert.Equal("改写后的内容。", paragraph.Text);
        Assert.Equal("已修改", editor.Find("[data-testid=paragraph-edited]").TextContent.Trim());
        editor.FindAll("button").Single(b => b.TextContent.Contains("恢复原稿")).Click();
        Assert.Equal("原稿内容。", paragraph.Text);
        Assert.Empty(editor.FindAll("[data-testid=paragraph-edited]"));
    }

    [Fact]
    public void Ticking_an_organisation_puts_it_on_the_line_and_unticking_takes_it_off()
    {
        HashSet<int> chosen = [];
        RecipientOption[] options = [new(5, "江苏省总工会", "Jiangsu Federation of Trade Unions", OrganisationKind.Superior), new(6, "苏州市总工会", "Suzhou", OrganisationKind.Superior)];
        var picker = Render<RecipientPicker>(p => p.Add(x => x.Label, "报").Add(x => x.Options, options).Add(x => x.Chosen, chosen));

        picker.Find("input[data-organisation='6']").Change(true);
        Assert.Equal([6], chosen);
        picker.Find("input[data-organisation='6']").Change(false);

        Assert.Empty(chosen);
        Assert.Equal(["江苏省总工会", "苏州市总工会"], picker.FindAll("label").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public void Export_links_download_both_formats_from_the_server()
    {
        var links = Render<ExportLinks>(p => p.Add(x => x.Label, "导出名册").Add(x => x.PathOf, f => ReportEndpoints.RosterPath("ZP-2026-0001", f)));

        var anchors = links.FindAll("a");

        Assert.Equal(["/exports/incidents/ZP-2026-0001/roster.xlsx", "/exports/incidents/ZP-2026-0001/roster.csv"], anchors.Select(a => a.GetAttribute("href")));
        Assert.All(anchors, a => Assert.True(a.HasAttribute("download")));
        Assert.Contains("导出名册", links.Markup);
    }

    [Fact]
    public void The_figures_show_durations_in_words_and_a_dash_where_nothing_was_measured()
    {
        var measured = new ResponseFigure(2, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(95));
        var none = new ResponseFigure(0, null, null);
        var figures = new BulletinFigures(2, 50, Money.FromYuan(100_000), new Dictionary<SeverityGrade, int>(), 0, Money.Zero,
            new Dictionary<Disputes.Domain.Workers.RecoverySource, Money>(),
            new ResponseTimeTable([new TownResponseTimes(7, "张浦镇总工会", "Zhangpu Trade Union", 2, measured, none)], 2, measured, none));

        var view = Render<BulletinFiguresView>(p => p.Add(x => x.Figures, figures));

        var cells = view.FindAll("tbody tr").First().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["张浦镇总工会", "2", "20 分钟", "1 小时 35 分钟", "—", "—"], cells);
        Assert.Equal("合计", view.FindAll("tbody tr").Last().QuerySelector("td")!.TextContent.Trim());
    }

    private IStringLocalizer<SharedResource> Localizer => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static Bulletin Issued(string[] sentTo, string[] distributedTo)
    {
        var federation = Organisation.CityFederation("KS", "昆山市总工会", "Kunshan Federation of Trade Unions");
        var duty = new Actor("u1", "赵强", new HashSet<string> { Roles.FederationDutyOfficer }, federation.Id, OrganisationKind.CityFederation, null, null);
        BulletinParagraph[] paragraphs =
        [
            new() { Kind = BulletinParagraphKind.Summary, DraftText = "本月全市共接报劳资纠纷1起。", Text = "本月全市共接报劳资纠纷1起。" },
            new()
            {
                Kind = BulletinParagraphKind.Incident, IncidentNumber = "ZP-2026-0001", Heading = "张浦镇总工会处置科家塑胶欠薪逃匿事件",
                DraftText = "原稿。", Text = "张浦镇总工会第一时间到场。\n职工已返岗。",
            },
        ];
        var recipients = sentTo.Select((name, i) => new BulletinRecipient { Line = RecipientLine.SentTo, OrganisationId = 100 + i, Name = name, NameEn = name })
            .Concat(distributedTo.Select((name, i) => new BulletinRecipient { Line = RecipientLine.DistributedTo, OrganisationId = 200 + i, Name = name, NameEn = name }))
            .ToList();
        return Bulletin.Issue(duty, federation, 3, "工作简报", new ReportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), "zh-CN",
            paragraphs, recipients, IssuedAtUtc);
    }
}
