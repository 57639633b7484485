using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Home;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Home;

/// <summary>
/// A city at work, built through the real commands, read 70 minutes after the first incident was logged (T0), once the
/// escalation sweep has run. Zhangpu: 科家 (II, logged T0; labour engaged at T0+6 with a timed task), 斌沛 (II, T0+1;
/// Zhangpu justice office engaged at T0+6), 南吉山 (III, T0+2; on scene, reported, labour engaged at T0+5: nothing
/// overdue). Yushan: 富士康 (I, T0+3; labour and Yushan justice engaged at T0+7, one labour task done, one added
/// without a due time), 华富 (IV, T0+4, cancelled).
/// </summary>
public sealed class HomeData : IAsyncLifetime
{
    private readonly List<string> _logged = [];

    public DisputesAppFactory App { get; } = new();

    public string Kejia => _logged[0];
    public string Binpei => _logged[1];
    public string Nanjishan => _logged[2];
    public string Foxconn => _logged[3];
    public string Huafu => _logged[4];

    public DateTime T0 { get; private set; }

    /// <summary>When 科家's labour task added at T0+7 falls due.</summary>
    public DateTime KejiaTaskDueAtUtc { get; private set; }

    public HomeQueries Queries => new(App.Services.GetRequiredService<IDbContextFactory<Disputes.Data.DisputesDbContext>>(), App.Clock);

    public Task<Actor> ActorAsync(string userName) => Actors.ForAsync(App, userName);

    public DateTime At(int minutes) => T0.AddMinutes(minutes);

    public async Task InitializeAsync()
    {
        _ = App.Server;
        T0 = App.Clock.GetUtcNow().UtcDateTime;
        var zhangpu = await ActorAsync("zp.officer");
        var yushan = await ActorAsync("ys.officer");
        var labour = await ActorAsync("labor.liaison");

        foreach (var (officer, enterprise, type, workers, yuan) in new (Actor, string, IncidentType, int, decimal)[]
                 {
                     (zhangpu, "昆山科家塑胶有限公司", IncidentType.AbscondingOwner, 120, 2_400_000m),
                     (zhangpu, "昆山斌沛电子有限公司", IncidentType.Closure, 260, 5_000_000m),
                     (zhangpu, "昆山南吉山塑料包装厂", IncidentType.WageArrears, 45, 300_000m),
                     (yushan, "富士康（昆山）电脑接插件有限公司", IncidentType.CollectivePayDispute, 400, 0m),
                     (yushan, "昆山华富电子有限公司", IncidentType.WageArrears, 12, 80_000m),
                 })
        {
            var id = await App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync());
            var result = await Commands.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), id, null, type, workers, Money.FromYuan(yuan), 2,
                "厂区门口", AggravatingFacts.None, "职工反映欠薪", null));
            Assert.True(result.Succeeded, result.ErrorCode);
            _logged.Add(result.Number!);
            App.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await SendAsync(await ActorAsync("duty"), new CancelIncident(Huafu, await App.TokenOfAsync(Huafu), "重复登记"));

        await SendAsync(zhangpu, new EngageDepartments(Nanjishan, [DepartmentKind.LaborInspection]));
        await SendAsync(zhangpu, new ConfirmArrival(Nanjishan, App.Clock.GetUtcNow().UtcDateTime));
        await SendAsync(zhangpu, new ReportUpward(Nanjishan, "已电话报告市总工会"));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(zhangpu, new EngageDepartments(Kejia, [DepartmentKind.LaborInspection]));
        await SendAsync(zhangpu, new EngageDepartments(Binpei, [DepartmentKind.Justice]));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(yushan, new EngageDepartments(Foxconn, [DepartmentKind.LaborInspection, DepartmentKind.Justice]));

        KejiaTaskDueAtUtc = At(7 + 180);
        await SendAsync(labour, new AddTask(Kejia, (await EngagementAsync(Kejia, DepartmentKind.LaborInspection)).Id, "核实欠薪台账", KejiaTaskDueAtUtc));
        var foxconn = await EngagementAsync(Foxconn, DepartmentKind.LaborInspection);
        await SendAsync(labour, new AddTask(Foxconn, foxconn.Id, "约谈企业负责人", null));
        await SendAsync(labour, new CompleteTask(Foxconn, foxconn.Id, foxconn.Tasks.Single(t => t.Key == "Task.LaborInspection.VerifyArrears").Id));

        App.Clock.SetUtcNow(At(70));
        await SweepAsync(App);
    }

    public Task<Engagement> EngagementAsync(string number, DepartmentKind department) => App.WithDbAsync(db =>
        db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Engagements).AsNoTracking().SingleAsync(e => e.Department == department));

    public async Task SendAsync(Actor actor, IncidentCommand command)
    {
        var result = await Commands.SendAsync(actor, command);
        Assert.True(result.Succeeded, $"{command.GetType().Name}: {result.ErrorCode}");
    }

    private IncidentCommands Commands => App.Services.GetRequiredService<IncidentCommands>();

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
