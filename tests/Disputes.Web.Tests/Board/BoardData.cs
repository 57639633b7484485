using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Board;

/// <summary>
/// The demo city with five incidents, logged through the real service:
/// Zhangpu — 科家 absconding owner (II, labour inspection engaged), 斌沛 closure (II, Zhangpu justice office engaged),
/// 南吉山 wage arrears (III, on scene so Responding); Yushan — 富士康 collective dispute (I), 华富 wage arrears (IV, cancelled).
/// They are logged a minute apart; then the clock stands still until a test moves it.
/// </summary>
public sealed class BoardData : IAsyncLifetime
{
    public DisputesAppFactory App { get; } = new();

    public string Kejia { get; private set; } = string.Empty;
    public string Binpei { get; private set; } = string.Empty;
    public string Nanjishan { get; private set; } = string.Empty;
    public string Foxconn { get; private set; } = string.Empty;
    public string Huafu { get; private set; } = string.Empty;

    public DateTime LoggedAtUtc { get; private set; }

    public async Task InitializeAsync()
    {
        _ = App.Server;
        LoggedAtUtc = App.Clock.GetUtcNow().UtcDateTime;
        var service = App.Services.GetRequiredService<IncidentCommands>();
        var zhangpu = await Actors.ForAsync(App, "zp.officer");
        var yushan = await Actors.ForAsync(App, "ys.officer");
        var duty = await Actors.ForAsync(App, "duty");

        Kejia = await LogAsync(service, zhangpu, "昆山科家塑胶有限公司", IncidentType.AbscondingOwner, 120, 2_400_000m);
        Binpei = await LogAsync(service, zhangpu, "昆山斌沛电子有限公司", IncidentType.Closure, 260, 5_000_000m);
        Nanjishan = await LogAsync(service, zhangpu, "昆山南吉山塑料包装厂", IncidentType.WageArrears, 45, 300_000m);
        Foxconn = await LogAsync(service, yushan, "富士康（昆山）电脑接插件有限公司", IncidentType.CollectivePayDispute, 400, 0m);
        Huafu = await LogAsync(service, yushan, "昆山华富电子有限公司", IncidentType.WageArrears, 12, 80_000m);

        await Succeeds(service.SendAsync(zhangpu, new EngageDepartments(Kejia, [DepartmentKind.LaborInspection])));
        await Succeeds(service.SendAsync(zhangpu, new EngageDepartments(Binpei, [DepartmentKind.Justice])));
        await Succeeds(service.SendAsync(zhangpu, new ConfirmArrival(Nanjishan, App.Clock.GetUtcNow().UtcDateTime)));
        await Succeeds(service.SendAsync(duty, new CancelIncident(Huafu, await App.TokenOfAsync(Huafu), "重复登记")));
    }

    public Task<Actor> ActorAsync(string userName) => Actors.ForAsync(App, userName);

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> LogAsync(IncidentCommands service, Actor actor, string enterprise, IncidentType type, int workers, decimal wagesYuan)
    {
        var enterpriseId = await App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync());
        var result = await service.LogAsync(actor, new LogIncidentCommand(Guid.NewGuid(), enterpriseId, null, type, workers,
            Money.FromYuan(wagesYuan), 2, "厂区门口", AggravatingFacts.None, "职工反映欠薪", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        // A minute apart, so "newest first" has one right answer.
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        return result.Number!;
    }

    private static async Task Succeeds(Task<CommandResult> command)
    {
        var result = await command;
        Assert.True(result.Succeeded, result.ErrorCode);
    }
}
