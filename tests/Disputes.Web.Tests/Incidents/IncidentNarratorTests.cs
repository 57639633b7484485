using System.Globalization;
using System.Text.RegularExpressions;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Domain.Incidents.History.IncidentEvent;

namespace Disputes.Web.Tests.Incidents;

/// <summary>Every kind of history entry, with every value its enums can take, told in both languages without an identifier.</summary>
public sealed partial class IncidentNarratorTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private static readonly DateTime At = new(2026, 12, 1, 6, 30, 0, DateTimeKind.Utc);

    /// <summary>Every enum member name of the domain and the web app: none may reach a sentence.</summary>
    private static readonly IReadOnlySet<string> EnumNames = typeof(Incident).Assembly.GetTypes().Concat(typeof(IncidentNarrator).Assembly.GetTypes())
        .Where(t => t.IsEnum).SelectMany(Enum.GetNames).ToHashSet();

    public static TheoryData<string> Cultures => new() { "zh-CN", "en" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_kind_is_told_in_words_without_an_enum_name_or_a_key(string culture)
    {
        var narrator = app.Services.GetRequiredService<IncidentNarrator>();
        var chinese = culture.StartsWith("zh", StringComparison.Ordinal);

        foreach (var happened in Samples())
        {
            var text = narrator.Narrate(happened, happened is Escalated ? null : "王海涛", CultureInfo.GetCultureInfo(culture));

            Assert.False(string.IsNullOrWhiteSpace(text), $"{happened.Kind} told nothing");
            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            Assert.False(ResourceKey().IsMatch(text), $"{happened.Kind}: a resource key in \"{text}\"");
            var leaked = Words().Matches(text).Select(m => m.Value)
                .Where(w => EnumNames.Contains(w) && (chinese || InnerCapital().IsMatch(w))).ToList();
            Assert.True(leaked.Count == 0, $"{culture} {happened.Kind}: \"{text}\" shows {string.Join(", ", leaked)}");
            if (chinese)
            {
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text);
            }
        }
    }

    [Fact]
    public void The_samples_cover_every_kind()
    {
        Assert.Equal(Enum.GetValues<TimelineKind>().Order(), Samples().Select(s => s.Kind).Distinct().Order());
    }

    [Fact]
    public void A_sentence_says_what_happened_with_its_values_in_the_readers_language()
    {
        var narrator = app.Services.GetRequiredService<IncidentNarrator>();
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var en = CultureInfo.GetCultureInfo("en");
        var paused = new StepPaused(new StepRef(PlanStepKind.ArriveOnScene), "等待法院");
        var facts = new DetailsChanged([new FieldChange(IncidentField.Facts, "0", ((int)AggravatingFacts.RoadBlocking).ToString(CultureInfo.InvariantCulture))]);
        var recovery = new RecoveryRecorded("张三", 500_000, RecoverySource.WageGuaranteeFund);

        Assert.Equal("王海涛暂停“到场”，原因：等待法院", narrator.Narrate(paused, "王海涛", zh));
        Assert.Contains("堵塞道路", narrator.Narrate(facts, "王海涛", zh), StringComparison.Ordinal);
        Assert.Equal("王海涛登记追回：张三 ¥5,000.00，来源：欠薪保障金垫付", narrator.Narrate(recovery, "王海涛", zh));
        Assert.Contains("wage guarantee fund", narrator.Narrate(recovery, "Wang", en), StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<IncidentEvent> Samples()
    {
        var owner = new OwnerRef(7, Roles.TownOfficer, "张浦镇总工会", "Zhangpu Trade Union");
        var office = new OwnerRef(31, Roles.DepartmentLiaison, "张浦司法所", "Zhangpu Justice Office");
        foreach (var type in Enum.GetValues<IncidentType>())
        {
            yield return new Logged("ZP-2026-0007", type, SeverityGrade.III, 45, 38_000_000, 1);
            yield return new TypeCorrected(type, IncidentType.Other, "登记时选错", [DepartmentKind.Petition], [DepartmentKind.Police]);
        }

        foreach (var grade in Enum.GetValues<SeverityGrade>())
        {
            yield return new GradeSuggested(grade);
            yield return new GradeChanged(grade, SeverityGrade.I, "职工情绪激动");
        }

        yield return new ArrivedOnScene(At);
        yield return new ReportedUpward(string.Empty);
        yield return new ReportedUpward("已电话报告市总值班室");
        yield return new WrittenReport("书面报告全文");
        yield return new Note("劳动监察已进场");
        foreach (var department in Enum.GetValues<DepartmentKind>())
        {
            yield return new DepartmentEngaged(department);
            yield return new EngagementAcknowledged(department);
            yield return new TaskAdded(department, "核查社保缴纳", null);
            yield return new TaskAdded(department, "核查社保缴纳", At);
            yield return new TaskDone(department, null, "核查社保缴纳");
        }

        yield return new TaskDone(DepartmentKind.Police, "Task.Police.LocateOwner", null);
        yield return new TaskDone(DepartmentKind.LaborInspection, "Task.LaborInspection.VerifyArrears", null);
        foreach (var kind in Enum.GetValues<PlanStepKind>())
        {
            var step = new StepRef(kind, kind is PlanStepKind.EngageDepartment or PlanStepKind.DepartmentAcknowledges or PlanStepKind.Task ? DepartmentKind.Police : null, 1,
                kind == PlanStepKind.Task ? "调取监控" : null);
            yield return new StepPaused(step, "等待法院裁定");
            yield return new StepResumed(step);
            yield return new StepReassigned(step, owner, office, "由司法所牵头");
            foreach (var level in new[] { 1, 2, 3 })
            {
                yield return new Escalated(level, step, ["陈卫东", "王海涛"]);
                yield return new Escalated(level, step, []);
            }
        }

        yield return new Escalated(3, null, ["孙立群"]);
        foreach (var stage in Enum.GetValues<Stage>())
        {
            yield return new StageChanged(stage, Stage.Closed);
        }

        foreach (var field in Enum.GetValues<IncidentField>())
        {
            var (before, after) = field switch
            {
                IncidentField.Facts => ("0", ((int)(AggravatingFacts.RoadBlocking | AggravatingFacts.MediaAttention)).ToString(CultureInfo.InvariantCulture)),
                IncidentField.Wages => ("3800000", "4200000"),
                IncidentField.Description => ("旧", new string('长', 500)),
                _ => ("30", "45"),
            };
            yield return new DetailsChanged([new FieldChange(field, before, after)]);
        }

        yield return new DetailsChanged([]);
        foreach (var fact in Enum.GetValues<AggravatingFacts>())
        {
            yield return new DetailsChanged([new FieldChange(IncidentField.Facts, "0", ((int)fact).ToString(CultureInfo.InvariantCulture))]);
        }

        yield return new AttachmentAdded("现场照片.jpg");
        yield return new WorkersImported(45, 38_000_000);
        foreach (var source in Enum.GetValues<RecoverySource>())
        {
            yield return new RecoveryRecorded("张三", 500_000, source);
        }

        yield return new Closed("工资已全额支付", 38_000_000, new DateOnly(2027, 1, 1));
        yield return new Cancelled("重复登记");
        yield return new FollowUpCompleted(true, true, "职工已返岗");
        yield return new FollowUpCompleted(false, false, "仍有 3 人未领到工资");
    }

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"^[A-Z][a-z]+[A-Z]")]
    private static partial Regex InnerCapital();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+")]
    private static partial Regex ResourceKey();
}
