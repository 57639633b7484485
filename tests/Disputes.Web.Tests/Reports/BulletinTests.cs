using System.Globalization;
using System.Net;
using Disputes.Domain;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Bulletins;
using Disputes.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Reports;

/// <summary>The work bulletin composed from the fixture's incidents, issued, and downloaded as Word, read back with OpenXml.</summary>
public sealed class BulletinTests : IClassFixture<ReportsData>
{
    private readonly ReportsData data;

    public BulletinTests(ReportsData data)
    {
        this.data = data;
        // The composer writes in the editor's language, as a signed-in request would set it.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    private const string Edited = "张浦镇总工会接报后第一时间赶赴现场，会同劳动监察、公安等部门妥善处置，职工工资已全部垫付到位。";

    [Fact]
    public async Task A_draft_tells_the_grade_one_to_three_incidents_from_their_history_and_closure_and_sums_up_the_period()
    {
        var draft = await ComposeAsync();

        Assert.Equal([data.Foxconn, data.Kejia, data.Formula], draft.Candidates.Select(c => c.Number));
        Assert.Equal([data.Foxconn, data.Kejia], draft.Chosen.Select(c => c.Number));
        var kejia = draft.Candidates.Single(c => c.Number == data.Kejia).Paragraph!;
        Assert.Equal("张浦镇总工会处置昆山科家塑胶有限公司欠薪逃匿事件", kejia.Heading);
        Assert.Contains("张浦镇总工会确认到场", kejia.DraftText);
        Assert.Contains("张浦镇总工会向市总工会初报：已电话报告市总工会", kejia.DraftText);
        Assert.Contains("张浦镇总工会启动联动：", kejia.DraftText);
        Assert.Contains("张浦镇总工会结案：" + ReportsData.Outcome, kejia.DraftText);
        Assert.Contains("移送情况：" + ReportsData.Referrals + "。", kejia.DraftText);
        Assert.Contains("经验做法：" + ReportsData.Lessons, kejia.DraftText);
        // The report, the outcome and the lessons were typed with a full stop of their own: it is not doubled.
        Assert.DoesNotContain("。。", kejia.DraftText);
        Assert.DoesNotContain("王海涛", kejia.DraftText);
        Assert.DoesNotContain("Closed", kejia.DraftText);
        var summary = draft.Summary.DraftText;
        Assert.Contains("全市共接报劳资纠纷3起，涉及职工532人，拖欠工资248万元，其中Ⅰ级1起、Ⅱ级1起、Ⅳ级1起", summary);
        Assert.Contains("同期结案1起，追回工资0.6万元", summary);
        Assert.Contains("名册登记追回0.6万元（企业支付0.1万元、欠薪保障金垫付0.5万元）", summary);
        Assert.Contains("到场用时中位数20 分钟", summary);
        Assert.EndsWith("。", summary);
    }

    [Fact]
    public async Task An_issued_bulletin_in_word_has_its_title_block_paragraphs_and_footer_on_a_gbt_9704_page()
    {
        var draft = await ComposeAsync();
        var (year, number) = await IssueAsync(draft, sentTo: ["SUP-SZFTU", "SUP-JSFTU"], distributedTo: ["YS", "ZP"]);
        var client = await SignIn.AsAsync(data.App, "leader");

        var response = await client.GetAsync($"/exports/bulletins/{year}/{number}.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BulletinDocument.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"工作简报{year}年第{number}期.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var invalid = string.Join("\n", new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").Distinct());
        Assert.True(invalid.Length == 0, invalid);
        var main = document.MainDocumentPart!;
        var paragraphs = main.Document!.Body!.Elements<Paragraph>().Where(p => p.InnerText.Length > 0).ToList();
        Assert.Equal("工作简报", paragraphs[0].InnerText);
        Assert.Equal(($"{year}年第{number}期"), paragraphs[1].InnerText);
        Assert.Matches($"^昆山市总工会{year}年\\d{{1,2}}月\\d{{1,2}}日$", paragraphs[2].InnerText);
        Assert.Equal(draft.Summary.Text, paragraphs[3].InnerText);
        Assert.Equal("张浦镇总工会处置昆山科家塑胶有限公司欠薪逃匿事件", paragraphs.Single(p => p.InnerText.Contains("科家塑胶有限公司欠薪")).InnerText);
        Assert.Equal("报：江苏省总工会，苏州市总工会", paragraphs[^2].InnerText);
        Assert.Equal("发：玉山镇总工会，张浦镇总工会", paragraphs[^1].InnerText);

        var title = paragraphs[0].Descendants<RunProperties>().Single();
        Assert.Equal(("方正小标宋简体", "44"), (title.RunFonts!.EastAsia!.Value, title.FontSize!.Val!.Value));
        var body = paragraphs[3].Descendants<RunProperties>().Single();
        Assert.Equal(("仿宋_GB2312", "32"), (body.RunFonts!.EastAsia!.Value, body.FontSize!.Val!.Value));
        var heading = paragraphs.Single(p => p.InnerText.Contains("科家塑胶有限公司欠薪")).Descendants<RunProperties>().Single();
        Assert.Equal(("黑体", "32"), (heading.RunFonts!.EastAsia!.Value, heading.FontSize!.Val!.Value));
        Assert.Equal("28", paragraphs[^1].Descendants<RunProperties>().Single().FontSize!.Val!.Value);

        var section = main.Document.Body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((37, 35, 28, 26), (Millimetres(margin.Top!.Value), Millimetres(margin.Bottom!.Value), Millimetres((int)margin.Left!.Value), Millimetres((int)margin.Right!.Value)));
        var grid = section.GetFirstChild<DocGrid>()!;
        var typeAreaHeight = 16838 - margin.Top.Value - margin.Bottom.Value;
        var typeAreaWidthPoints = (11906 - (int)margin.Left.Value - (int)margin.Right.Value) / 20.0;
        Assert.Equal(DocGridValues.Lines, grid.Type!.Value);
        Assert.Equal(22, typeAreaHeight / grid.LinePitch!.Value);
        Assert.Equal("579", paragraphs[3].ParagraphProperties!.SpacingBetweenLines!.Line!.Value);
        Assert.Equal(28, (int)Math.Floor(typeAreaWidthPoints / (16 + body.Spacing!.Val!.Value / 20.0)));

        var fonts = main.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.GetFirstChild<AltName>()?.Val?.Value);
        Assert.Equal("Noto Serif CJK SC", fonts["方正小标宋简体"]);
        Assert.Equal("Noto Serif CJK SC", fonts["仿宋_GB2312"]);
        Assert.Equal("Noto Sans CJK SC", fonts["黑体"]);
        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        var footers = section.Elements<FooterReference>().Select(r => (r.Type!.Value, Footer: ((FooterPart)main.GetPartById(r.Id!.Value!)).Footer!)).ToList();
        Assert.Equal(2, footers.Count);
        Assert.All(footers, f =>
        {
            Assert.Equal(" PAGE ", f.Footer.Descendants<SimpleField>().Single().Instruction!.Value);
            Assert.Equal("— 1 —", f.Footer.InnerText);
            Assert.All(f.Footer.Descendants<FontSize>(), s => Assert.Equal("28", s.Val!.Value));
        });
        Assert.Equal(JustificationValues.Right, footers.Single(f => f.Value == HeaderFooterValues.Default).Footer.Descendants<Justification>().Single().Val!.Value);
        Assert.Equal(JustificationValues.Left, footers.Single(f => f.Value == HeaderFooterValues.Even).Footer.Descendants<Justification>().Single().Val!.Value);

        var recorded = await data.App.WithDbAsync(db => db.ExportLog.AsNoTracking().SingleAsync(e => e.Kind == ExportKind.Bulletin && e.Scope == $"{year}-{number}"));
        Assert.Equal(("孙立群", ExportFormat.Docx, 3), (recorded.UserName, recorded.Format, recorded.Rows));
    }

    [Fact]
    public async Task A_reworded_paragraph_is_issued_as_edited_and_kept_beside_its_draft()
    {
        var draft = await ComposeAsync();
        var kejia = draft.Candidates.Single(c => c.Number == data.Kejia).Paragraph!;
        var original = kejia.DraftText;
        kejia.Text = Edited;

        var (year, number) = await IssueAsync(draft, sentTo: [], distributedTo: ["ZP"]);

        var issued = await data.Get<BulletinQueries>().FindAsync(year, number);
        var paragraph = issued!.Paragraphs.Single(p => p.IncidentNumber == data.Kejia);
        Assert.Equal((Edited, original, true), (paragraph.Text, paragraph.DraftText, paragraph.IsEdited));
        Assert.False(issued.Paragraphs.Single(p => p.Kind == BulletinParagraphKind.Summary).IsEdited);
        var client = await SignIn.AsAsync(data.App, "duty");
        using var document = WordprocessingDocument.Open(new MemoryStream(await client.GetByteArrayAsync($"/exports/bulletins/{year}/{number}.docx")), false);
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains(Edited, text);
        Assert.DoesNotContain(ReportsData.Lessons, text);
        Assert.DoesNotContain("报：", text);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/bulletins/{year}/{number}"));
        Assert.Contains(Edited, page);
        Assert.Contains("data-testid=\"bulletin-edited\"", page);
    }

    [Fact]
    public async Task Only_a_duty_officer_issues_a_bulletin_goes_to_someone_and_only_the_directorys_organisations_may_receive_it()
    {
        var draft = await ComposeAsync();
        var issuing = data.Get<BulletinIssuing>();
        var zhangpu = await data.OrganisationAsync("ZP");
        var province = await data.OrganisationAsync("SUP-JSFTU");
        IssueBulletin Command(int[] sentTo, int[] distributedTo) => new("工作简报", draft.Period, "zh-CN", draft.Paragraphs(), sentTo, distributedTo);

        var byLeader = await issuing.IssueAsync(await data.ActorAsync("leader"), Command([], [zhangpu]));
        var toNobody = await issuing.IssueAsync(await data.ActorAsync("duty"), Command([province], []));
        var superiorOnDistribution = await issuing.IssueAsync(await data.ActorAsync("duty"), Command([], [province]));
        var unknown = await issuing.IssueAsync(await data.ActorAsync("duty"), Command([999_999], [zhangpu]));

        Assert.Equal("bulletin.not-allowed", byLeader.ErrorCode);
        Assert.Equal("bulletin.recipients-required", toNobody.ErrorCode);
        Assert.Equal("bulletin.recipient-unknown", superiorOnDistribution.ErrorCode);
        Assert.Equal("bulletin.recipient-unknown", unknown.ErrorCode);
    }

    [Fact]
    public async Task City_leaders_read_issued_bulletins_and_town_officers_cannot_open_them()
    {
        var (year, number) = await IssueAsync(await ComposeAsync(), sentTo: ["SUP-SZFTU"], distributedTo: ["ZP"]);
        var leader = await SignIn.AsAsync(data.App, "leader");
        var officer = await SignIn.AsAsync(data.App, "zp.officer");

        var page = WebUtility.HtmlDecode(await leader.GetStringAsync($"/bulletins/{year}/{number}"));
        var list = WebUtility.HtmlDecode(await leader.GetStringAsync("/bulletins"));

        Assert.Contains("data-testid=\"bulletin-paper\"", page);
        Assert.Contains($"{year}年第{number}期", page);
        Assert.Contains("报：</span>苏州市总工会", page);
        Assert.Contains($"data-bulletin=\"{year}-{number}\"", list);
        Assert.DoesNotContain("data-testid=\"bulletin-new\"", list);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync($"/bulletins/{year}/{number}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync($"/exports/bulletins/{year}/{number}.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.GetAsync("/bulletins/new")).StatusCode);
    }

    private async Task<BulletinDraft> ComposeAsync()
    {
        var today = DateOnly.FromDateTime(ChinaTime.Now(data.App.Clock));
        return await data.Get<BulletinComposer>().ComposeAsync(await data.ActorAsync("duty"), "工作简报", new ReportPeriod(today.AddDays(-1), today.AddDays(1)));
    }

    private async Task<(int Year, int Number)> IssueAsync(BulletinDraft draft, string[] sentTo, string[] distributedTo)
    {
        var ids = async (string[] codes) => (await Task.WhenAll(codes.Select(data.OrganisationAsync))).ToList();
        var result = await data.Get<BulletinIssuing>().IssueAsync(await data.ActorAsync("duty"),
            new IssueBulletin(draft.Name, draft.Period, draft.Culture, draft.Paragraphs(), await ids(sentTo), await ids(distributedTo)));
        Assert.True(result.Succeeded, result.ErrorCode);
        return (result.Year, result.Number);
    }

    private static int Millimetres(int twips) => (int)Math.Round(twips / 1440.0 * 25.4);
}
