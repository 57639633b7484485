using System.Net;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Features.Roster;
using Disputes.Web.Files;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Incidents;

public sealed class IncidentCommandsTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private IncidentCommands Service => app.Services.GetRequiredService<IncidentCommands>();

    [Fact]
    public async Task Fifty_concurrent_logs_get_fifty_consecutive_numbers()
    {
        var officer = await Actors.ForAsync(app, "ys.officer");
        var enterprise = await EnterpriseIdAsync("昆山鼎鑫电子有限公司");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Service.LogAsync(officer, Command(enterprise)))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ErrorCode));
        var year = ChinaTime.Now(app.Clock).Year;
        var sequences = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number.StartsWith($"YS-{year}-")).Select(i => i.Sequence).ToListAsync());
        var first = sequences.Min();
        Assert.Equal(Enumerable.Range(first, 50), sequences.Order());
        Assert.Equal(50, results.Select(r => r.Number).Distinct().Count());
        Assert.All(results, r => Assert.Matches($"^YS-{year}-\\d{{4}}$", r.Number!));
    }

    [Fact]
    public async Task Submitting_the_same_draft_twice_logs_one_incident()
    {
        var officer = await Actors.ForAsync(app, "zp.officer");
        var command = Command(await EnterpriseIdAsync("昆山南吉山塑料包装厂"));

        var first = await Service.LogAsync(officer, command);
        var again = await Service.LogAsync(officer, command);
        var concurrent = await Task.WhenAll(Service.LogAsync(officer, command), Service.LogAsync(officer, command));

        Assert.Equal(first.Number, again.Number);
        Assert.All(concurrent, r => Assert.Equal(first.Number, r.Number));
        Assert.Equal(1, await app.WithDbAsync(db => db.Incidents.CountAsync(i => i.SubmissionId == command.SubmissionId)));
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_told_who_changed_the_incident_and_nothing_is_overwritten()
    {
        var chair = await Actors.ForAsync(app, "zp.chair");
        var duty = await Actors.ForAsync(app, "duty");
        var number = await LogAsync("zp.officer", "昆山科家塑胶有限公司");
        var seen = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.ConcurrencyToken).SingleAsync());

        var first = await Service.SendAsync(chair, new ChangeGrade(number, seen, SeverityGrade.II, "职工情绪激动"));
        var second = await Service.SendAsync(duty, new CorrectDetails(number, seen, 999, Money.FromYuan(1), 1, "别处", AggravatingFacts.None, "覆盖"));

        Assert.True(first.Succeeded);
        Assert.True(second.IsConflict);
        Assert.Equal("陈卫东", second.ConflictBy);
        var stored = await app.WithDbAsync(db => db.Incidents.SingleAsync(i => i.Number == number));
        Assert.Equal(SeverityGrade.II, stored.Grade);
        Assert.Equal(45, stored.WorkersInvolved);

        var note = await Service.SendAsync(duty, new AddProgressNote(number, "已联系企业负责人家属"));
        Assert.True(note.Succeeded, "An append never conflicts with someone else's change.");
    }

    [Theory]
    [InlineData("workers0")]
    [InlineData("workersHuge")]
    [InlineData("negativeWages")]
    [InlineData("months121")]
    [InlineData("longLocation")]
    [InlineData("longDescription")]
    [InlineData("overrideWithoutReason")]
    [InlineData("badCreditCode")]
    [InlineData("noEnterprise")]
    [InlineData("otherTown")]
    public async Task A_malformed_report_is_refused_and_nothing_is_saved(string mistake)
    {
        var officer = await Actors.ForAsync(app, "zp.officer");
        var kejia = await EnterpriseIdAsync("昆山科家塑胶有限公司");
        var foxconn = await EnterpriseIdAsync("富士康（昆山）电脑接插件有限公司");
        var good = Command(kejia);
        var command = mistake switch
        {
            "workers0" => good with { WorkersInvolved = 0 },
            "workersHuge" => good with { WorkersInvolved = 100_001 },
            "negativeWages" => good with { WagesOwed = new Money(-1) },
            "months121" => good with { MonthsInArrears = 121 },
            "longLocation" => good with { Location = new string('址', 201) },
            "longDescription" => good with { Description = new string('述', 4001) },
            "overrideWithoutReason" => good with { GradeOverride = new GradeOverride(SeverityGrade.I, " ") },
            "badCreditCode" => good with { EnterpriseId = null, NewEnterprise = new NewEnterprise("新厂", "91110108551385082R", "张浦", Ownership.Domestic) },
            "noEnterprise" => good with { EnterpriseId = null },
            "otherTown" => good with { EnterpriseId = foxconn },
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };
        var before = await CountsAsync();

        var result = await Service.LogAsync(officer, command);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.ErrorCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_new_enterprise_with_a_valid_code_is_registered_in_the_officers_town()
    {
        var officer = await Actors.ForAsync(app, "zp.officer");
        var command = Command(0) with { EnterpriseId = null, NewEnterprise = new NewEnterprise("昆山某新电子厂", "9132058374K23GD586", "张浦镇工业区", Ownership.Foreign) };

        var result = await Service.LogAsync(officer, command);

        Assert.True(result.Succeeded, result.ErrorCode);
        var enterprise = await app.WithDbAsync(db => db.Enterprises.SingleAsync(e => e.Name == "昆山某新电子厂"));
        Assert.Equal(officer.TownId, enterprise.TownId);
        Assert.Equal(Ownership.Foreign, enterprise.Ownership);
    }

    [Fact]
    public async Task Logging_can_engage_the_plans_departments_at_once_through_the_towns_own_offices()
    {
        var officer = await Actors.ForAsync(app, "zp.officer");
        var command = Command(await EnterpriseIdAsync("昆山科家塑胶有限公司")) with { EngageRequiredDepartments = true };

        var result = await Service.LogAsync(officer, command);

        Assert.True(result.Succeeded, result.ErrorCode);
        var offices = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == result.Number).SelectMany(i => i.Engagements)
            .Join(db.Organisations, e => e.OrganisationId, o => o.Id, (e, o) => o.Code).ToListAsync());
        Assert.Equal(["ZP-JUSTICE", "ZP-LABOR", "ZP-POLICE"], offices.Order());
        var acknowledgements = await app.WithDbAsync(db => db.PlanSteps.CountAsync(s => s.Kind == PlanStepKind.DepartmentAcknowledges
            && EF.Property<int>(s, "IncidentId") == db.Incidents.Single(i => i.Number == result.Number).Id));
        Assert.Equal(3, acknowledgements);
    }

    [Fact]
    public async Task Script_tags_are_stored_as_typed_and_shown_inert()
    {
        var number = await LogAsync("zp.officer", "昆山斌沛电子有限公司", "<script>alert('x')</script><img src=x onerror=alert(1)>");
        var client = await SignIn.AsAsync(app, "zp.officer");

        var html = await client.GetStringAsync($"/incidents/{number}");

        Assert.Contains("&lt;script&gt;alert", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        var stored = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.Description).SingleAsync());
        Assert.Equal("<script>alert('x')</script><img src=x onerror=alert(1)>", stored);
    }

    [Fact]
    public async Task Another_towns_officer_cannot_open_the_incident_or_its_attachments()
    {
        var number = await LogAsync("zp.officer", "昆山斌沛电子有限公司");
        var officer = await Actors.ForAsync(app, "zp.officer");
        var files = app.Services.GetRequiredService<IFileStore>();
        var stored = await files.SaveAsync(new MemoryStream("%PDF-1.4 test"u8.ToArray()), CancellationToken.None);
        var attachment = new Attachment { FileName = "欠薪名单.pdf", ContentType = "application/pdf", SizeBytes = stored.Length, StorageKey = stored.Key, UploadedBy = officer.Name };
        Assert.True((await Service.SendAsync(officer, new AddAttachment(number, attachment))).Succeeded);
        var own = await SignIn.AsAsync(app, "zp.officer");
        var other = await SignIn.AsAsync(app, "ys.officer");
        var liaison = await SignIn.AsAsync(app, "labor.liaison");

        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/files/{number}/{attachment.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/files/{number}/{attachment.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await liaison.GetAsync($"/files/{number}/{attachment.Id}")).StatusCode);
        Assert.Contains("找不到案件", WebUtility.HtmlDecode(await other.GetStringAsync($"/incidents/{number}")));
    }

    [Fact]
    public async Task An_imported_roster_skips_workers_already_on_it_and_recoveries_never_exceed_what_is_owed()
    {
        var number = await LogAsync("zp.officer", "昆山南吉山塑料包装厂");
        var officer = await Actors.ForAsync(app, "zp.officer");
        var csv = "姓名,身份证号,手机,欠薪金额\n张三,11010519491231002X,13812345678,8000\n李四,110105194912310037,13912345678,九千\n王五,110105194912310038,,\n";
        var report = await Disputes.Web.Features.Roster.RosterParser.ParseAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "名单.csv");
        Assert.Equal(1, report.ValidCount);
        var workers = report.ValidRows.Select(r => new Disputes.Domain.Workers.WorkerClaim(r.Name, r.IdNumber!.Value, r.PhoneText, r.AmountOwed!.Value)).ToList();

        var added = new List<int>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var imported = await Service.SendAsync(officer, new ImportWorkers(number, workers));
            Assert.True(imported.Succeeded);
            added.Add(imported.Count!.Value);
        }

        var workerId = await app.WithDbAsync(db => db.WorkerClaims.Where(w => w.Name == "张三").Select(w => w.Id).SingleAsync());
        var paid = await Service.SendAsync(officer, new RecordRecovery(number, workerId, Money.FromYuan(5000), Disputes.Domain.Workers.RecoverySource.WageGuaranteeFund, "保障金先行垫付"));
        var tooMuch = await Service.SendAsync(officer, new RecordRecovery(number, workerId, Money.FromYuan(3000.01m), Disputes.Domain.Workers.RecoverySource.Employer, ""));

        Assert.Equal([1, 0], added);
        Assert.True(paid.Succeeded);
        Assert.Equal("roster.recovery-exceeds", tooMuch.ErrorCode);
        var recovered = await app.WithDbAsync(db => db.Recoveries.SumAsync(r => r.Amount.Fen));
        Assert.Equal(Money.FromYuan(5000).Fen, recovered);
    }

    private async Task<string> LogAsync(string userName, string enterprise, string description = "老板失联")
    {
        var actor = await Actors.ForAsync(app, userName);
        var result = await Service.LogAsync(actor, Command(await EnterpriseIdAsync(enterprise)) with { Description = description });
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    private static LogIncidentCommand Command(int enterpriseId) =>
        new(Guid.NewGuid(), enterpriseId, null, IncidentType.AbscondingOwner, 45, Money.FromYuan(380_000), 3, "厂区门口",
            AggravatingFacts.None, "老板失联", null);

    private Task<int> EnterpriseIdAsync(string name) =>
        app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());

    private Task<(int, int, int, int)> CountsAsync() => app.WithDbAsync(async db => (
        await db.Incidents.CountAsync(), await db.Enterprises.CountAsync(), await db.IncidentNumberCounters.SumAsync(c => c.Last), await db.PlanSteps.CountAsync()));
}
