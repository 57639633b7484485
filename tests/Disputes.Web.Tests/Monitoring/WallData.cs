using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Features.Monitoring;
using Disputes.Web.Features.Roster;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Monitoring;

/// <summary>
/// A year of a small city, built through the real commands on the real app and SQLite file, read on Tuesday 20 October
/// 2026 at 10:00 in China ("this month" is 1–20 October). Times below are China time.
/// <list type="bullet">
/// <item>A year ago: Zhangpu's <see cref="YearAgo"/> (IV, wage arrears) logged 15 Oct 2025 10:00, closed 20 Oct 2025, its follow-up
/// visit never made (overdue now); Yushan's <see cref="YearAgoCancelled"/> logged 10:05 and cancelled.</item>
/// <item>Last month: Zhangpu's <see cref="LastMonth"/> (III) logged 20 Sep 10:00, resolved 23 Sep, closed 25 Sep.</item>
/// <item><see cref="Kejia"/> (Zhangpu, II, absconding owner, 120 workers, ¥2.4m): logged 5 Oct 10:00, on scene after 20 min, reported
/// after 25, labour, justice and police engaged at 10:40, labour acknowledged after 20 min, justice after 2 h, police never;
/// two workers of ¥1.2m each, ¥500,000 back from the employer and ¥300,000 advanced by the guarantee fund; resolved 8 Oct
/// 10:00 (72 h): open, Resolved.</item>
/// <item><see cref="Nanjishan"/> (Zhangpu, III, 45 workers, ¥300,000): logged 12 Oct 10:00, on scene after 50 min, reported after
/// 70, labour and justice engaged at 11:15, labour acknowledged after 60 min, justice never; its written report paused at
/// 12:30: open, Responding.</item>
/// <item><see cref="Huafu"/> (Yushan, IV, 12 workers, ¥80,000): logged 15 Oct 10:00, on scene after 30 min, reported after 40, labour
/// and justice engaged at 10:45 and acknowledged after 15 min each, ¥20,000 back by court enforcement; resolved 17 Oct 10:00
/// (48 h), closed 18 Oct.</item>
/// <item><see cref="Foxconn"/> (Yushan, I, 400 workers, nothing owed): logged 19 Oct 10:00, nothing done since: open, Reported.</item>
/// </list>
/// Steps fall overdue and escalate along the way (Hangfire's minute sweep may write some at whatever time the fake clock
/// shows, so the tests read those figures against the rows); a last sweep runs at the reading time, and the duty officer
/// has read the notifications of one escalation.
/// </summary>
public sealed class WallData : IAsyncLifetime
{
    public static readonly DateTime NowUtc = China(2026, 10, 20, 10, 0);

    public DisputesAppFactory App { get; } = new() { Clock = new FakeTimeProvider(China(2025, 10, 15, 9, 0)) };

    public string YearAgo { get; private set; } = string.Empty;
    public string YearAgoCancelled { get; private set; } = string.Empty;
    public string LastMonth { get; private set; } = string.Empty;
    public string Kejia { get; private set; } = string.Empty;
    public string Nanjishan { get; private set; } = string.Empty;
    public string Huafu { get; private set; } = string.Empty;
    public string Foxconn { get; private set; } = string.Empty;

    public int Zhangpu { get; private set; }
    public int Yushan { get; private set; }

    public WallQueries Queries => App.Services.GetRequiredService<WallQueries>();

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public Task<Actor> ActorAsync(string userName) => Actors.ForAsync(App, userName);

    public static DateTime China(int year, int month, int day, int hour, int minute) =>
        DateTime.SpecifyKind(new DateTime(year, month, day, hour, minute, 0) - ChinaTime.Offset, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        _ = App.Server;
        var zp = await ActorAsync("zp.officer");
        var chair = await ActorAsync("zp.chair");
        var ys = await ActorAsync("ys.officer");
        var duty = await ActorAsync("duty");
        var labour = await ActorAsync("labor.liaison");
        var zpJustice = await ActorAsync("zp.justice");
        Zhangpu = zp.TownId!.Value;
        Yushan = ys.TownId!.Value;
        var ysJusticeOffice = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "YS-JUSTICE").Select(o => o.Id).SingleAsync());
        var ysJustice = new Actor("ys-justice", "玉山司法所联络员", new HashSet<string> { Roles.DepartmentLiaison }, ysJusticeOffice,
            OrganisationKind.DepartmentBranch, Yushan, DepartmentKind.Justice);

        // A year ago.
        At(2025, 10, 15, 10, 0);
        YearAgo = await LogAsync(zp, "昆山南吉山塑料包装厂", IncidentType.WageArrears, 12, 80_000m);
        At(2025, 10, 15, 10, 5);
        YearAgoCancelled = await LogAsync(ys, "昆山华富电子有限公司", IncidentType.WageArrears, 12, 80_000m);
        At(2025, 10, 15, 10, 20);
        await SendAsync(duty, new CancelIncident(YearAgoCancelled, await App.TokenOfAsync(YearAgoCancelled), "重复登记"));
        At(2025, 10, 15, 10, 30);
        await RespondAsync(zp, YearAgo);
        At(2025, 10, 17, 10, 0);
        await SendAsync(zp, new MoveStage(YearAgo, await App.TokenOfAsync(YearAgo), IncidentAction.BeginResolving));
        At(2025, 10, 18, 10, 0);
        await SendAsync(chair, new MoveStage(YearAgo, await App.TokenOfAsync(YearAgo), IncidentAction.Resolve));
        At(2025, 10, 20, 10, 0);
        await CloseAsync(chair, YearAgo);

        // Last month.
        At(2026, 9, 20, 10, 0);
        LastMonth = await LogAsync(zp, "昆山斌沛电子有限公司", IncidentType.WageArrears, 30, 100_000m);
        At(2026, 9, 20, 10, 40);
        await RespondAsync(zp, LastMonth);
        At(2026, 9, 21, 10, 0);
        await SendAsync(zp, new MoveStage(LastMonth, await App.TokenOfAsync(LastMonth), IncidentAction.BeginResolving));
        At(2026, 9, 23, 10, 0);
        await SendAsync(chair, new MoveStage(LastMonth, await App.TokenOfAsync(LastMonth), IncidentAction.Resolve));
        At(2026, 9, 25, 10, 0);
        await CloseAsync(chair, LastMonth);

        // This month.
        At(2026, 10, 5, 10, 0);
        Kejia = await LogAsync(zp, "昆山科家塑胶有限公司", IncidentType.AbscondingOwner, 120, 2_400_000m);
        At(2026, 10, 5, 10, 20);
        await SendAsync(zp, new ConfirmArrival(Kejia, App.Clock.GetUtcNow().UtcDateTime));
        At(2026, 10, 5, 10, 25);
        await SendAsync(zp, new ReportUpward(Kejia, "已电话报告市总工会"));
        At(2026, 10, 5, 10, 40);
        await SendAsync(zp, new EngageDepartments(Kejia, [DepartmentKind.LaborInspection, DepartmentKind.Justice, DepartmentKind.Police]));
        At(2026, 10, 5, 11, 0);
        await AcknowledgeAsync(labour, Kejia, DepartmentKind.LaborInspection);
        At(2026, 10, 5, 11, 30);
        await SendAsync(zp, new ImportWorkers(Kejia, [Worker("郑一", "320583199001011234", 1_200_000m), Worker("郑二", "320583199202023456", 1_200_000m)]));
        At(2026, 10, 5, 12, 40);
        await AcknowledgeAsync(zpJustice, Kejia, DepartmentKind.Justice);
        At(2026, 10, 6, 10, 0);
        await RecoverAsync(zp, Kejia, 0, 500_000m, RecoverySource.Employer);
        await RecoverAsync(zp, Kejia, 1, 300_000m, RecoverySource.WageGuaranteeFund);
        await SendAsync(zp, new MoveStage(Kejia, await App.TokenOfAsync(Kejia), IncidentAction.BeginResolving));
        At(2026, 10, 8, 10, 0);
        await SendAsync(chair, new MoveStage(Kejia, await App.TokenOfAsync(Kejia), IncidentAction.Resolve));

        At(2026, 10, 12, 10, 0);
        Nanjishan = await LogAsync(zp, "昆山南吉山塑料包装厂", IncidentType.WageArrears, 45, 300_000m);
        At(2026, 10, 12, 10, 50);
        await SendAsync(zp, new ConfirmArrival(Nanjishan, App.Clock.GetUtcNow().UtcDateTime));
        At(2026, 10, 12, 11, 10);
        await SendAsync(zp, new ReportUpward(Nanjishan, "已报告"));
        At(2026, 10, 12, 11, 15);
        await SendAsync(zp, new EngageDepartments(Nanjishan, [DepartmentKind.LaborInspection, DepartmentKind.Justice]));
        At(2026, 10, 12, 12, 15);
        await AcknowledgeAsync(labour, Nanjishan, DepartmentKind.LaborInspection);
        At(2026, 10, 12, 12, 30);
        await SendAsync(chair, new PauseStep(Nanjishan, (await StepAsync(App, Nanjishan, PlanStepKind.WrittenReport)).Id, "等待企业提供用工材料"));

        At(2026, 10, 15, 10, 0);
        Huafu = await LogAsync(ys, "昆山华富电子有限公司", IncidentType.WageArrears, 12, 80_000m);
        At(2026, 10, 15, 10, 30);
        await SendAsync(ys, new ConfirmArrival(Huafu, App.Clock.GetUtcNow().UtcDateTime));
        At(2026, 10, 15, 10, 40);
        await SendAsync(ys, new ReportUpward(Huafu, "已报告"));
        At(2026, 10, 15, 10, 45);
        await SendAsync(ys, new EngageDepartments(Huafu, [DepartmentKind.LaborInspection, DepartmentKind.Justice]));
        At(2026, 10, 15, 11, 0);
        await AcknowledgeAsync(labour, Huafu, DepartmentKind.LaborInspection);
        await AcknowledgeAsync(ysJustice, Huafu, DepartmentKind.Justice);
        await SendAsync(ys, new ImportWorkers(Huafu, [Worker("黄一", "320583198805055678", 80_000m)]));
        At(2026, 10, 16, 10, 0);
        await RecoverAsync(ys, Huafu, 0, 20_000m, RecoverySource.CourtEnforcement);
        await SendAsync(ys, new MoveStage(Huafu, await App.TokenOfAsync(Huafu), IncidentAction.BeginResolving));
        At(2026, 10, 17, 10, 0);
        await SendAsync(duty, new MoveStage(Huafu, await App.TokenOfAsync(Huafu), IncidentAction.Resolve));
        At(2026, 10, 18, 10, 0);
        await CloseAsync(duty, Huafu);

        At(2026, 10, 19, 10, 0);
        Foxconn = await LogAsync(ys, "富士康（昆山）电脑接插件有限公司", IncidentType.CollectivePayDispute, 400, 0m);

        App.Clock.SetUtcNow(NowUtc);
        await SweepAsync(App);

        // Grade I–II alerts go out from a job of their own: wait for them, so every reading sees the same rows.
        await EventuallyAsync(() => App.WithDbAsync(db => db.Escalations.CountAsync(e => e.StepId == null)), n => n >= 2, TimeSpan.FromSeconds(20));

        // The duty officer has read one escalation; the rest wait.
        await App.WithDbAsync(async db =>
        {
            var first = await db.Escalations.Where(e => e.Level == 2).OrderBy(e => e.EscalatedAtUtc).Select(e => e.Id).FirstAsync();
            return await db.Notifications.Where(n => n.EscalationId == first).ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAtUtc, NowUtc));
        });
    }

    /// <summary>Every incident, with what the figures are read from, loaded whole: what the tests check the SQL against.</summary>
    public Task<World> WorldAsync() => App.WithDbAsync(async db => new World(
        await db.Incidents.AsNoTracking().Include(i => i.Steps).Include(i => i.Engagements).Include(i => i.Workers).ThenInclude(w => w.Recoveries)
            .AsSplitQuery().ToListAsync(),
        await db.Escalations.AsNoTracking().ToListAsync(),
        await db.Notifications.AsNoTracking().ToListAsync(),
        NowUtc));

    public async Task SendAsync(Actor actor, IncidentCommand command)
    {
        var result = await Get<IncidentCommands>().SendAsync(actor, command);
        Assert.True(result.Succeeded, $"{command.GetType().Name} on {command.Number}: {result.ErrorCode}");
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    private void At(int year, int month, int day, int hour, int minute) => App.Clock.SetUtcNow(China(year, month, day, hour, minute));

    private async Task<string> LogAsync(Actor officer, string enterprise, IncidentType type, int workers, decimal yuan)
    {
        var id = await App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync());
        var result = await Get<IncidentCommands>().LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), id, null, type, workers, Money.FromYuan(yuan), 2,
            "厂区门口", AggravatingFacts.None, "职工反映欠薪", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    /// <summary>On scene, reported and the required departments engaged, ten minutes apart; acknowledged by nobody.</summary>
    private async Task RespondAsync(Actor officer, string number)
    {
        await SendAsync(officer, new ConfirmArrival(number, App.Clock.GetUtcNow().UtcDateTime));
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await SendAsync(officer, new ReportUpward(number, "已报告"));
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await SendAsync(officer, new EngageDepartments(number, [DepartmentKind.LaborInspection, DepartmentKind.Justice]));
    }

    private async Task CloseAsync(Actor chair, string number) =>
        await SendAsync(chair, new CloseIncident(number, await App.TokenOfAsync(number), "已协调企业支付欠薪", string.Empty, string.Empty, Money.Zero, null));

    private async Task AcknowledgeAsync(Actor liaison, string number, DepartmentKind department)
    {
        var engagement = await App.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Engagements).SingleAsync(e => e.Department == department));
        await SendAsync(liaison, new Acknowledge(number, engagement.Id));
    }

    private async Task RecoverAsync(Actor officer, string number, int worker, decimal yuan, RecoverySource source)
    {
        var id = await App.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Workers).OrderBy(w => w.Name).Select(w => w.Id).ToListAsync());
        await SendAsync(officer, new RecordRecovery(number, id[worker], Money.FromYuan(yuan), source, string.Empty));
    }

    private static WorkerClaim Worker(string name, string idNumber, decimal yuan) =>
        new(name, ResidentIdNumber.Parse(idNumber[..17] + ResidentIdNumber.CheckCharacter(idNumber[..17])), "13800000000", Money.FromYuan(yuan));
}
