using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Features.Roster;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Reports;

/// <summary>
/// The demo city with three incidents logged through the real service, on a SQLite file:
/// Zhangpu — 科家 absconding owner (II): on scene 20 minutes after logging, reported upward 10 minutes later, labour
/// inspection engaged, a roster of three (two named like formulas) with two recoveries, resolved and closed with referrals
/// and lessons; an enterprise whose name is a formula, wage arrears (IV). Yushan — 富士康 collective dispute (I).
/// </summary>
public sealed class ReportsData : IAsyncLifetime
{
    public const string FormulaEnterprise = "=HYPERLINK(\"http://evil.example\",\"点我\")";
    public const string FormulaWorker = "=1+2";
    public const string CommandWorker = "+cmd|' /C calc'!A0";
    public const string FormulaNote = "@SUM(1,2)";
    public const string MinusNote = "-2+3";
    public const string Outcome = "职工工资已由欠薪保障金先行垫付。";
    public const string Referrals = "移送公安机关立案侦查";
    public const string Lessons = "第一时间到场、第一时间上报。";

    public DisputesAppFactory App { get; } = new();

    public string Kejia { get; private set; } = string.Empty;
    public string Formula { get; private set; } = string.Empty;
    public string Foxconn { get; private set; } = string.Empty;

    /// <summary>The resident ID numbers on 科家's roster, in full: they must never appear in a file.</summary>
    public IReadOnlyList<string> IdNumbers { get; } = [Id("32058319850312001"), Id("32058319900101123"), Id("32058319920715456")];

    public const string ZhangsanPhone = "13812345678";

    public async Task InitializeAsync()
    {
        _ = App.Server;
        var service = App.Services.GetRequiredService<IncidentCommands>();
        var officer = await Actors.ForAsync(App, "zp.officer");
        var chair = await Actors.ForAsync(App, "zp.chair");
        var yushan = await Actors.ForAsync(App, "ys.officer");
        var formulaId = await App.WithDbAsync(async db =>
        {
            var town = await db.Organisations.SingleAsync(o => o.Code == "ZP");
            var enterprise = new Enterprise(FormulaEnterprise, CreditCodeFor("MA1X2Y3W"), town.Id, "张浦镇", "五金", Ownership.Domestic, 20, "某某", "某某");
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync();
            return enterprise.Id;
        });

        Kejia = await LogAsync(service, officer, await EnterpriseAsync("昆山科家塑胶有限公司"), IncidentType.AbscondingOwner, 120, 2_400_000m);
        Formula = await LogAsync(service, officer, formulaId, IncidentType.WageArrears, 12, 80_000m);
        Foxconn = await LogAsync(service, yushan, await EnterpriseAsync("富士康（昆山）电脑接插件有限公司"), IncidentType.CollectivePayDispute, 400, 0m);

        var logged = await App.WithDbAsync(db => db.Incidents.Where(i => i.Number == Kejia).Select(i => i.ReportedAtUtc).SingleAsync());
        App.Clock.SetUtcNow(DateTime.SpecifyKind(logged, DateTimeKind.Utc).AddMinutes(20));
        await Succeeds(service.SendAsync(officer, new ConfirmArrival(Kejia, App.Clock.GetUtcNow().UtcDateTime)));
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await Succeeds(service.SendAsync(officer, new ReportUpward(Kejia, "已电话报告市总工会。")));
        await Succeeds(service.SendAsync(officer, new EngageDepartments(Kejia, [DepartmentKind.LaborInspection])));
        await Succeeds(service.SendAsync(officer, new ImportWorkers(Kejia,
        [
            new WorkerClaim("张三", ResidentIdNumber.Parse(IdNumbers[0]), ZhangsanPhone, Money.FromYuan(8000)),
            new WorkerClaim(FormulaWorker, ResidentIdNumber.Parse(IdNumbers[1]), "13912345678", Money.FromYuan(5000)),
            new WorkerClaim(CommandWorker, ResidentIdNumber.Parse(IdNumbers[2]), "", Money.FromYuan(3000)),
        ])));
        var workers = await App.WithDbAsync(db => db.WorkerClaims.ToDictionaryAsync(w => w.Name, w => w.Id));
        await Succeeds(service.SendAsync(officer, new RecordRecovery(Kejia, workers["张三"], Money.FromYuan(5000), RecoverySource.WageGuaranteeFund, FormulaNote)));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await Succeeds(service.SendAsync(officer, new RecordRecovery(Kejia, workers[FormulaWorker], Money.FromYuan(1000), RecoverySource.Employer, MinusNote)));
        foreach (var action in new[] { IncidentAction.BeginResolving, IncidentAction.Resolve })
        {
            await Succeeds(service.SendAsync(chair, new MoveStage(Kejia, await App.TokenOfAsync(Kejia), action)));
        }

        await Succeeds(service.SendAsync(chair, new CloseIncident(Kejia, await App.TokenOfAsync(Kejia), Outcome, Referrals, Lessons, Money.FromYuan(6000), null)));
    }

    public Task<Actor> ActorAsync(string userName) => Actors.ForAsync(App, userName);

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public Task<int> OrganisationAsync(string code) => App.WithDbAsync(db => db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A resident ID number with its check character.</summary>
    private static string Id(string first17) => first17 + Disputes.Domain.Workers.ResidentIdNumber.CheckCharacter(first17);

    /// <summary>A Kunshan enterprise's credit code around an organisation code body, with both check characters.</summary>
    private static CreditCode CreditCodeFor(string body8)
    {
        var first17 = "91320583" + body8 + CreditCode.OrganisationCheckCharacter(body8);
        return CreditCode.Parse(first17 + CreditCode.CheckCharacter(first17));
    }

    private Task<int> EnterpriseAsync(string name) => App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());

    private async Task<string> LogAsync(IncidentCommands service, Actor actor, int enterpriseId, IncidentType type, int workers, decimal wagesYuan)
    {
        var result = await service.LogAsync(actor, new LogIncidentCommand(Guid.NewGuid(), enterpriseId, null, type, workers,
            Money.FromYuan(wagesYuan), 2, "厂区门口", AggravatingFacts.None, "职工反映欠薪", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    private static async Task Succeeds(Task<CommandResult> command)
    {
        var result = await command;
        Assert.True(result.Succeeded, result.ErrorCode);
    }
}
