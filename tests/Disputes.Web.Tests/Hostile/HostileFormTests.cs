using System.Globalization;
using System.Text.Json;
using Bunit;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Admin;
using Disputes.Web.Features.Bulletins;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Files;
using Disputes.Web.Resources;
using Disputes.Web.Tests.Components;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Tests.Hostile;

/// <summary>
/// The log-incident form rendered with bUnit on the real services, restoring a hostile draft from the browser (the
/// browser keeps it, so whatever it holds is the user's to edit) and submitted: wrong check characters, off-by-one
/// lengths, impossible amounts and counts, unknown enum values, megabytes, control characters. The form names the
/// mistake in Chinese and nothing is logged.
/// </summary>
public sealed class HostileLogFormTests : MudBlazorContext, IClassFixture<HostileCity>
{
    private const string StartDraft = "disputesDraft.start";
    private readonly HostileCity _city;

    public HostileLogFormTests(HostileCity city)
    {
        _city = city;
        var app = city.App.Services;
        Services.AddSingleton(app.GetRequiredService<IncidentCommands>());
        Services.AddSingleton(app.GetRequiredService<IncidentNarrator>());
        Services.AddSingleton(app.GetRequiredService<IDbContextFactory<DisputesDbContext>>());
        Services.AddSingleton(app.GetRequiredService<AttachmentInspector>());
        Services.AddSingleton(app.GetRequiredService<IFileStore>());
        Services.AddSingleton(app.GetRequiredService<AttachmentUploads>());
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    /// <summary>A credit code with its check characters, from a division and an 8-character organisation body.</summary>
    public static string ValidCreditCode(string body8 = "MA1ABC23")
    {
        var first16 = "91320583" + body8;
        var first17 = first16 + CreditCode.OrganisationCheckCharacter(body8);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static string WrongLast(string code) => code[..^1] + (code[^1] == '0' ? '1' : '0');

    /// <summary>The draft's fields over a sound draft (an enterprise of the registry, or a new one), with the code the form must show.</summary>
    private static readonly Dictionary<string, (bool NewEnterprise, Dictionary<string, string> Fields, string Code)> Drafts = Build();

    private static Dictionary<string, (bool, Dictionary<string, string>, string)> Build()
    {
        var cases = new Dictionary<string, (bool, Dictionary<string, string>, string)>();
        void Existing(string name, string field, string value, string code) => cases[name] = (false, new() { [field] = value }, code);
        void New(string name, string field, string value, string code) => cases[name] = (true, new() { [field] = value }, code);

        var code = ValidCreditCode();
        New("credit-code:wrong-check-character", "NewCreditCode", WrongLast(code), "credit-code.check");
        New("credit-code:17-characters", "NewCreditCode", code[..17], "credit-code.length");
        New("credit-code:19-characters", "NewCreditCode", code + "0", "credit-code.length");
        New("credit-code:letter-i", "NewCreditCode", "91320583MA1ABCI3" + code[16..], "credit-code.character");
        New("credit-code:letter-o", "NewCreditCode", "O" + code[1..], "credit-code.character");
        New("credit-code:division-letters", "NewCreditCode", "91AB0583" + code[8..], "credit-code.division");
        New("credit-code:organisation-check", "NewCreditCode", code[..16] + (code[16] == '0' ? '1' : '0') + code[17], "credit-code.organisation-check");
        New("credit-code:empty", "NewCreditCode", "", "credit-code.required");
        New("credit-code:sql", "NewCreditCode", "'; DROP TABLE Enterprises;--", "credit-code.length");
        New("credit-code:script", "NewCreditCode", HostileText.Script, "credit-code.length");
        New("credit-code:full-width", "NewCreditCode", string.Concat(code.Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '０') : c)), "credit-code.character");
        New("credit-code:megabyte", "NewCreditCode", HostileText.Megabyte, "credit-code.length");
        New("enterprise-name:megabyte", "NewName", HostileText.Megabyte, "enterprise.name");
        New("enterprise-name:blank", "NewName", " \u3000 ", "enterprise.name");
        New("enterprise-name:bell", "NewName", "科家\u0007塑胶", TypedText.CharactersError);
        New("enterprise-address:megabyte", "NewAddress", HostileText.Megabyte, "incident.location-length");
        New("enterprise-address:escape", "NewAddress", "\u001b[2J张浦镇", TypedText.CharactersError);

        foreach (var (name, wages, error) in new[]
                 {
                     ("negative", "-1", "money.negative"), ("minus-yen", "¥-5", "money.negative"), ("a-tenth-of-a-fen", "0.001", "money.precision"),
                     ("over-the-maximum", "10000000000.01", "money.too-large"), ("a-trillion", "1000000000000", "money.too-large"),
                     ("long-max-fen", "92233720368547758.07", "money.too-large"), ("exponent", "1e12", "money.format"), ("nan", "NaN", "money.format"),
                     ("infinity", "∞", "money.format"), ("bad-grouping", "1,2,3", "money.format"), ("wan-twice", "3.5万万", "money.format"),
                     ("hexadecimal", "0x10", "money.format"), ("megabyte", HostileText.Megabyte, "money.format"), ("script", HostileText.Script, "money.format"),
                 })
        {
            Existing($"wages:{name}", "Wages", wages, error);
        }

        foreach (var workers in new[] { "0", "-1", "1000000000", "1e3", "2147483648", "١٢", "100001" })
        {
            Existing($"workers:{workers}", "Workers", workers, "incident.workers-range");
        }

        foreach (var months in new[] { "-1", "121", "abc", "2147483648" })
        {
            Existing($"months:{months}", "Months", months, "incident.months-range");
        }

        Existing("type:bogus", "Type", "Bogus", "incident.type-required");
        Existing("type:99", "Type", "99", "incident.type-required");
        Existing("enterprise:minus-one", "EnterpriseId", "-1", "incident.enterprise-required");
        Existing("enterprise:not-a-number", "EnterpriseId", "abc", "incident.enterprise-required");
        Existing("enterprise:not-in-the-registry", "EnterpriseId", "99999999", "incident.enterprise-required");
        Existing("location:megabyte", "Location", HostileText.Megabyte, "incident.location-length");
        Existing("location:nul", "Location", "厂区\0门口", TypedText.CharactersError);
        Existing("description:megabyte", "Description", HostileText.Megabyte, "incident.description-length");
        Existing("description:escape", "Description", "\u001b[31m聚集\u001b[0m", TypedText.CharactersError);
        Existing("facts:undefined-flag", "Facts", "1073741824", "incident.facts-unknown");
        Existing("facts:all-bits", "Facts", "-1", "incident.facts-unknown");
        cases["grade-reason:megabyte"] = (false, new() { ["OverrideGrade"] = "I", ["OverrideReason"] = HostileText.Megabyte }, "incident.grade-reason-required");
        cases["grade-reason:blank"] = (false, new() { ["OverrideGrade"] = "I", ["OverrideReason"] = "  " }, "incident.grade-reason-required");
        cases["grade-reason:backspace"] = (false, new() { ["OverrideGrade"] = "I", ["OverrideReason"] = "影响\b扩大" }, TypedText.CharactersError);
        return cases;
    }

    public static TheoryData<string> DraftCases() => [.. Drafts.Keys];

    [Theory]
    [MemberData(nameof(DraftCases))]
    public async Task A_hostile_draft_submitted_names_the_mistake_in_chinese_and_logs_nothing(string name)
    {
        var (newEnterprise, fields, code) = Drafts[name];
        var enterpriseId = await _city.App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        var draft = new Dictionary<string, string?>
        {
            ["SubmissionId"] = Guid.NewGuid().ToString(), ["Type"] = nameof(IncidentType.WageArrears), ["Workers"] = "20", ["Wages"] = "60000",
            ["Months"] = "2", ["Location"] = "厂区门口", ["Description"] = "职工聚集", ["EngageNow"] = "false",
        };
        if (newEnterprise)
        {
            draft["NewEnterprise"] = "true";
            draft["NewName"] = "敌意测试厂";
            draft["NewCreditCode"] = ValidCreditCode("MA1HTLE0");
            draft["NewAddress"] = "张浦镇";
            draft["NewOwnership"] = nameof(Ownership.Domestic);
        }
        else
        {
            draft["EnterpriseId"] = enterpriseId.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (field, value) in fields)
        {
            draft[field] = value;
        }

        JSInterop.Setup<string?>(StartDraft, _ => true).SetResult(JsonSerializer.Serialize(draft));
        var before = await Outcome.RowsAsync(_city.App);
        var user = Actors.StateOf(await Actors.ForAsync(_city.App, "zp.officer"));
        var form = Render<LogIncident>(p => p.AddCascadingValue(user));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=draft-restored]")));

        await form.InvokeAsync(() => form.Find("[data-testid=submit]").Click());

        Outcome.HasMessages(_city.App, "Error." + code);
        var message = Localizer()["Error." + code].Value;
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=log-error]")));
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(form.Markup), StringComparison.Ordinal);
        Assert.DoesNotContain("Error.", form.Find("[data-testid=log-error]").TextContent, StringComparison.Ordinal);
        await Outcome.NoRowsWrittenAsync(_city.App, before);
    }

    private IStringLocalizer<SharedResource> Localizer() => Services.GetRequiredService<IStringLocalizer<SharedResource>>();
}

/// <summary>
/// The other forms' handlers with what their pages could be made to send — a logged incident's hostile texts, accounts
/// in user administration, the plan in the playbook editor, a bulletin being issued — and the pages that show what was
/// stored. A refusal has its message in both languages and writes nothing; stored markup is shown as text.
/// </summary>
public sealed class HostileFormTests(HostileCity city) : IClassFixture<HostileCity>
{
    private static readonly Dictionary<string, Func<Actor, int, LogIncidentCommand>> Logs = new()
    {
        ["new-enterprise:unknown-ownership"] = (_, _) => Log(null, new NewEnterprise("敌意所有制厂", HostileLogFormTests.ValidCreditCode("WNER9910"), "张浦镇", (Ownership)99)),
        ["new-enterprise:nul-in-the-name"] = (_, _) => Log(null, new NewEnterprise("敌意\0厂", HostileLogFormTests.ValidCreditCode("NULNAME1"), "张浦镇", Ownership.Domestic)),
        ["new-enterprise:megabyte-address"] = (_, _) => Log(null, new NewEnterprise("敌意地址厂", HostileLogFormTests.ValidCreditCode("ADDRE551"), HostileText.Megabyte, Ownership.Domestic)),
        ["new-enterprise:wrong-check-character"] = (_, _) => Log(null, new NewEnterprise("敌意校验厂", "91320583MA1ABC2300", "张浦镇", Ownership.Domestic)),
        ["enterprise:int-max"] = (_, _) => Log(int.MaxValue, null),
        ["enterprise:none"] = (_, _) => Log(null, null),
        ["type:99"] = (_, id) => Log(id, null) with { Type = (IncidentType)99 },
        ["workers:int-min"] = (_, id) => Log(id, null) with { WorkersInvolved = int.MinValue },
        ["wages:long-max-fen"] = (_, id) => Log(id, null) with { WagesOwed = new Money(long.MaxValue) },
        ["wages:long-min-fen"] = (_, id) => Log(id, null) with { WagesOwed = new Money(long.MinValue) },
        ["months:int-max"] = (_, id) => Log(id, null) with { MonthsInArrears = int.MaxValue },
        ["grade-override:99"] = (_, id) => Log(id, null) with { GradeOverride = new GradeOverride((SeverityGrade)99, "核对") },
        ["grade-override:no-reason"] = (_, id) => Log(id, null) with { GradeOverride = new GradeOverride(SeverityGrade.I, null!) },
        ["location:lone-surrogate"] = (_, id) => Log(id, null) with { Location = "厂区\udc00" },
    };

    private static readonly Dictionary<string, NewAccount> Accounts = new()
    {
        ["user-name:script"] = new(HostileText.Script, "敌意用户", null, Roles.TownOfficer),
        ["user-name:sql"] = new("a'; DROP TABLE AspNetUsers;--", "敌意用户", null, Roles.TownOfficer),
        ["user-name:megabyte"] = new(HostileText.Megabyte, "敌意用户", null, Roles.TownOfficer),
        ["user-name:cyrillic-look-alike"] = new("zp.\u043efficer", "敌意用户", null, Roles.TownOfficer),
        ["user-name:zero-width"] = new("zp.\u200bofficer2", "敌意用户", null, Roles.TownOfficer),
        ["user-name:nul"] = new("hostile\0user", "敌意用户", null, Roles.TownOfficer),
        ["user-name:blank"] = new("   ", "敌意用户", null, Roles.TownOfficer),
        ["user-name:taken-in-upper-case"] = new("ZP.OFFICER", "敌意用户", null, Roles.TownOfficer),
        ["display-name:megabyte"] = new("hostile.a", HostileText.Megabyte, null, Roles.TownOfficer),
        ["display-name:blank"] = new("hostile.b", " \t ", null, Roles.TownOfficer),
        ["display-name:bell"] = new("hostile.c", "敌意\u0007用户", null, Roles.TownOfficer),
        ["display-name:lone-surrogate"] = new("hostile.d", "敌意\ud800", null, Roles.TownOfficer),
        ["role:bogus"] = new("hostile.e", "敌意用户", null, "Bogus"),
        ["role:script"] = new("hostile.f", "敌意用户", null, HostileText.Script),
        ["role:none"] = new("hostile.g", "敌意用户", null, null),
        ["organisation:minus-one"] = new("hostile.h", "敌意用户", -1, Roles.TownOfficer),
        ["organisation:int-max"] = new("hostile.i", "敌意用户", int.MaxValue, Roles.TownOfficer),
        ["organisation:none"] = new("hostile.j", "敌意用户", 0, Roles.TownOfficer),
    };

    /// <summary>Each changes one thing of the loaded plan.</summary>
    private static readonly Dictionary<string, (Action<PlaybookDraft> Change, string Key)> Plans = new()
    {
        ["duration:zero"] = (d => d.Durations[0].MajorMinutes = 0, "Playbook.Error.Duration"),
        ["duration:negative"] = (d => d.Durations[0].MinorMinutes = -1, "Playbook.Error.Duration"),
        ["duration:int-max"] = (d => d.Durations[0].MajorMinutes = int.MaxValue, "Playbook.Error.Duration"),
        ["escalation:int-min"] = (d => d.Level2AfterMinutes = int.MinValue, "Playbook.Error.Escalation"),
        ["escalation:int-max"] = (d => d.Level3AfterMinutes = int.MaxValue, "Playbook.Error.Escalation"),
        ["grading-workers:zero"] = (d => d.Grading[2].Workers = 0, "Playbook.Error.GradingWorkers"),
        ["grading-workers:int-min"] = (d => d.Grading[0].Workers = int.MinValue, "Playbook.Error.GradingWorkers"),
        ["grading-wages:negative"] = (d => d.Grading[1].Wages = "-1", "Error.money.negative"),
        ["grading-wages:a-tenth-of-a-fen"] = (d => d.Grading[1].Wages = "0.001", "Error.money.precision"),
        ["grading-wages:a-trillion"] = (d => d.Grading[0].Wages = "1000000000000", "Error.money.too-large"),
        ["grading-wages:megabyte"] = (d => d.Grading[0].Wages = HostileText.Megabyte, "Error.money.format"),
        ["grading-wages:fen"] = (d => d.Grading[2].Wages = "100.50", "Playbook.Error.GradingWages"),
        ["grading:out-of-order"] = (d => (d.Grading[0].Workers, d.Grading[2].Workers) = (d.Grading[2].Workers, d.Grading[0].Workers), "Playbook.Error.GradingOrder"),
        ["requirement:unknown-department"] = (d => d.Requirements[IncidentType.WageArrears] = [(DepartmentKind)99], "Error.playbook.department-unknown"),
        ["requirement:unknown-type"] = (d => d.Requirements[(IncidentType)99] = [DepartmentKind.Police], "Error.playbook.department-unknown"),
    };

    public static TheoryData<string> LogCases() => [.. Logs.Keys];

    public static TheoryData<string> AccountCases() => [.. Accounts.Keys];

    public static TheoryData<string> PlanCases() => [.. Plans.Keys];

    public static TheoryData<string> BulletinCases() => [.. Bulletins.Keys];

    public static TheoryData<string> StoredTexts() => [.. HostileText.InertNames];

    private static LogIncidentCommand Log(int? enterpriseId, NewEnterprise? newEnterprise) => new(Guid.NewGuid(), enterpriseId, newEnterprise,
        IncidentType.WageArrears, 20, Money.FromYuan(60_000), 2, "厂区门口", AggravatingFacts.None, "职工聚集", null);

    [Theory]
    [MemberData(nameof(LogCases))]
    public async Task A_hostile_incident_log_is_refused_with_a_message_and_writes_nothing(string name)
    {
        var officer = await Actors.ForAsync(city.App, "zp.officer");
        var enterpriseId = await EnterpriseIdAsync();
        var before = await Outcome.RowsAsync(city.App);

        var result = await city.Commands.LogAsync(officer, Logs[name](officer, enterpriseId));

        Outcome.Refused(city.App, result);
        await Outcome.NoRowsWrittenAsync(city.App, before);
    }

    [Theory]
    [MemberData(nameof(StoredTexts))]
    public async Task Markup_logged_on_site_is_shown_as_text_on_the_incident_page_the_board_and_the_enterprise(string name)
    {
        var text = HostileText.Named(name);
        var officer = await Actors.ForAsync(city.App, "zp.officer");
        var enterprise = new NewEnterprise(text, HostileLogFormTests.ValidCreditCode($"T{Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 10_000_000:0000000}"), text,
            Ownership.Domestic);

        var result = await city.Commands.LogAsync(officer, Log(null, enterprise) with { Location = text, Description = text });

        Assert.True(result.Succeeded, result.ErrorCode);
        var stored = await city.App.WithDbAsync(db => db.Incidents.Where(i => i.Number == result.Number)
            .Select(i => new { i.Location, i.Description, i.EnterpriseId }).SingleAsync());
        Assert.Equal((text.Trim(), text.Trim()), (stored.Location, stored.Description));
        var client = await city.BrowserAsync("zp.officer");
        Outcome.RendersInert(await client.GetStringAsync($"/incidents/{result.Number}"), text.Trim());
        Outcome.RendersInert(await client.GetStringAsync($"/board?view=board&stage=all&q={Uri.EscapeDataString(result.Number!)}"), result.Number!);
        Outcome.RendersInert(await client.GetStringAsync($"/enterprises/{stored.EnterpriseId}"), text.Trim());
    }

    [Theory]
    [MemberData(nameof(AccountCases))]
    public async Task A_hostile_account_is_refused_with_a_message_and_nothing_is_created(string name)
    {
        var administration = city.App.Services.GetRequiredService<UserAdministration>();
        var account = Accounts[name];
        var town = await city.App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "ZP").Select(o => o.Id).SingleAsync());
        var admin = await TestUsers.IdOfAsync(city.App, "admin");
        var before = await Outcome.RowsAsync(city.App);

        var change = await administration.CreateAsync(account with { OrganisationId = account.OrganisationId ?? town }, admin);

        Assert.False(change.Succeeded);
        Assert.Null(change.TemporaryPassword);
        Outcome.HasMessages(city.App, change.Problem!);
        await Outcome.NoRowsWrittenAsync(city.App, before);
    }

    [Theory]
    [MemberData(nameof(PlanCases))]
    public async Task A_hostile_plan_is_refused_with_its_message_and_the_plan_stays(string name)
    {
        var editing = city.App.Services.GetRequiredService<PlaybookEditing>();
        var (change, key) = Plans[name];
        var draft = await editing.LoadAsync();
        change(draft);
        var before = await Outcome.RowsAsync(city.App);
        var version = await city.App.WithDbAsync(db => db.Playbooks.Select(p => p.Version).SingleAsync());

        var result = await editing.SaveAsync(draft, Actors.Administrator("系统管理员"));

        Assert.False(result.Succeeded);
        Assert.Equal(key, KeyOf(result));
        Outcome.HasMessages(city.App, key);
        await Outcome.NoRowsWrittenAsync(city.App, before);
        Assert.Equal(version, await city.App.WithDbAsync(db => db.Playbooks.Select(p => p.Version).SingleAsync()));
    }

    /// <summary>Bulletins the compose page could be made to issue, each changed from a sound one.</summary>
    private static readonly Dictionary<string, (Func<IssueBulletin, DateOnly, IssueBulletin> Change, string Code)> Bulletins = new()
    {
        ["name:megabyte"] = ((b, _) => b with { Name = HostileText.Megabyte }, "bulletin.name"),
        ["name:blank"] = ((b, _) => b with { Name = " \u3000 " }, "bulletin.name"),
        ["name:escape"] = ((b, _) => b with { Name = "\u001b[2J简报" }, TypedText.CharactersError),
        ["culture:bogus"] = ((b, _) => b with { Culture = "xx-bogus" }, "bulletin.culture"),
        ["culture:script"] = ((b, _) => b with { Culture = HostileText.Script }, "bulletin.culture"),
        ["period:at-the-calendars-end"] = ((b, _) => b with { Period = new ReportPeriod(DateOnly.MaxValue, DateOnly.MaxValue) }, "period.out-of-range"),
        ["period:at-the-calendars-start"] = ((b, _) => b with { Period = new ReportPeriod(DateOnly.MinValue, DateOnly.MinValue) }, "period.out-of-range"),
        ["period:reversed"] = ((b, today) => b with { Period = new ReportPeriod(today, today.AddDays(-3)) }, "period.order"),
        ["period:two-years"] = ((b, today) => b with { Period = new ReportPeriod(today.AddYears(-2), today) }, "period.too-long"),
        ["period:next-month"] = ((b, today) => b with { Period = new ReportPeriod(today.AddMonths(1), today.AddMonths(1).AddDays(3)) }, "period.future"),
        ["paragraphs:none"] = ((b, _) => b with { Paragraphs = [] }, "bulletin.paragraphs"),
        ["paragraphs:two-summaries"] = ((b, _) => b with { Paragraphs = [.. b.Paragraphs, .. b.Paragraphs] }, "bulletin.paragraphs"),
        ["paragraph:megabyte"] = ((b, _) => b with { Paragraphs = [Summary(HostileText.Megabyte)] }, "bulletin.paragraph-length"),
        ["paragraph:blank"] = ((b, _) => b with { Paragraphs = [Summary("   ")] }, "bulletin.paragraph-empty"),
        ["paragraph:nul"] = ((b, _) => b with { Paragraphs = [Summary("本期\0概况")] }, TypedText.CharactersError),
        ["paragraph:lone-surrogate"] = ((b, _) => b with { Paragraphs = [Summary("本期概况\ud800")] }, TypedText.CharactersError),
        ["recipients:unknown"] = ((b, _) => b with { DistributedTo = [-1, int.MaxValue] }, "bulletin.recipient-unknown"),
        ["recipients:none"] = ((b, _) => b with { DistributedTo = [] }, "bulletin.recipients-required"),
    };

    private static BulletinParagraph Summary(string text) => new() { Kind = BulletinParagraphKind.Summary, Text = text, DraftText = text };

    [Theory]
    [MemberData(nameof(BulletinCases))]
    public async Task A_hostile_bulletin_is_refused_with_a_message_and_none_is_issued(string name)
    {
        var (command, today) = await BulletinAsync("敌意测试");
        var (change, code) = Bulletins[name];
        var before = await Outcome.RowsAsync(city.App);

        var result = await city.App.Services.GetRequiredService<BulletinIssuing>().IssueAsync(await Actors.ForAsync(city.App, "duty"), change(command, today));

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.ErrorCode);
        Outcome.HasMessages(city.App, "Error." + code);
        await Outcome.NoRowsWrittenAsync(city.App, before);
    }

    [Theory]
    [InlineData("script")]
    [InlineData("img-onerror")]
    [InlineData("rtl-override")]
    public async Task A_bulletin_with_markup_is_shown_as_text_and_written_to_word(string name)
    {
        var text = HostileText.Named(name);
        var (command, _) = await BulletinAsync(text.Length > Bulletin.NameMaxLength ? text[..Bulletin.NameMaxLength] : text);
        var issued = await city.App.Services.GetRequiredService<BulletinIssuing>().IssueAsync(await Actors.ForAsync(city.App, "duty"),
            command with { Paragraphs = [Summary(text)] });
        Assert.True(issued.Succeeded, issued.ErrorCode);
        var client = await city.BrowserAsync("duty");

        Outcome.RendersInert(await client.GetStringAsync($"/bulletins/{issued.Year}/{issued.Number}"), text);
        var word = await client.GetAsync($"/exports/bulletins/{issued.Year}/{issued.Number}.docx");

        Assert.Equal(System.Net.HttpStatusCode.OK, word.StatusCode);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains(text, document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    private async Task<(IssueBulletin Command, DateOnly Today)> BulletinAsync(string bulletinName)
    {
        var today = ChinaTime.Today(city.App.Clock);
        var town = await city.App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "ZP").Select(o => o.Id).SingleAsync());
        return (new IssueBulletin(bulletinName, new ReportPeriod(today.AddDays(-7), today), "zh-CN", [Summary("本期概况")], [], [town]), today);
    }

    /// <summary>The message the playbook editor shows for a refused save (PlaybookEditor.razor's ErrorText).</summary>
    private static string KeyOf(PlaybookSaveResult result) => result switch
    {
        { Kind: not null, Band: not null } => "Playbook.Error.Duration",
        { Grade: not null } => $"Error.{result.Error}",
        { Error: "playbook.grading-order" } => "Playbook.Error.GradingOrder",
        { Error: "playbook.grading-workers" } => "Playbook.Error.GradingWorkers",
        { Error: "playbook.grading-wages" } => "Playbook.Error.GradingWages",
        { Error: "playbook.department-unknown" } => "Error.playbook.department-unknown",
        _ => "Playbook.Error.Escalation",
    };

    private Task<int> EnterpriseIdAsync() =>
        city.App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
}
