using Disputes.Data;
using Disputes.Domain.Incidents.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// An officer in a factory yard loses the signal: a tap on 确认到场, or a progress note typed into a dialog opened before
/// the signal went, is kept on the phone and reaches the server once the signal is back — exactly once, an arrival at
/// the time of the tap. The phone talks to the app through a proxy the test cuts (every connection drops, the WebSocket
/// too, and new ones are refused) and restores.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineTapTests(BrowserFixture fixture) : IAsyncLifetime
{
    private LatencyProxy _proxy = default!;
    private IBrowserContext _phone = default!;

    public async Task InitializeAsync()
    {
        _proxy = LatencyProxy.Start(fixture.App.BaseAddress, TimeSpan.FromMilliseconds(50));
        _phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _proxy.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
        });
    }

    public async Task DisposeAsync()
    {
        await _phone.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task An_arrival_tapped_without_a_signal_is_recorded_once_at_the_time_of_the_tap_when_the_signal_returns()
    {
        var (page, number) = await IncidentOnPhoneAsync("昆山科家塑胶有限公司");

        await CutAsync(page);
        var tappedAt = DateTime.UtcNow;
        await page.Locator("[data-action=ConfirmArrival]").ClickAsync();
        await Expect(page.GetByTestId("offline-taps")).ToContainTextAsync("到场时间");
        await Expect(page.GetByTestId("offline-taps")).ToContainTextAsync("恢复连接后自动提交");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("offline-arrival-kept-phone.png") });
        await page.WaitForTimeoutAsync(2_000);
        Assert.Empty(await ArrivalsAsync(number));
        _proxy.Restore();

        await Expect(page.Locator("[data-step='ArriveOnScene.1']")).ToContainTextAsync("完成", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("incident-stage")).ToHaveTextAsync("处置中");
        await Expect(page.GetByTestId("offline-taps")).ToContainTextAsync("离线时保存的操作已提交");
        var arrival = Assert.Single(await ArrivalsAsync(number));
        Assert.True(Math.Abs((arrival - tappedAt).TotalSeconds) < 3, $"arrived at {arrival:O}, tapped at {tappedAt:O}");

        // Nothing is left to send: a reload sends nothing twice.
        Assert.Equal(0, await KeptAsync(page));
        await page.ReloadAsync();
        await Pages.WaitUntilInteractiveAsync(page);
        await page.WaitForTimeoutAsync(1_000);
        Assert.Single(await ArrivalsAsync(number));
    }

    [Fact]
    public async Task A_note_typed_and_saved_without_a_signal_is_in_the_timeline_once_when_the_signal_returns()
    {
        var (page, number) = await IncidentOnPhoneAsync("昆山斌沛电子有限公司");
        const string text = "信号中断时补报：劳动监察已到场，职工情绪稳定。";

        await page.Locator("[data-action=AddNote]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var field = dialog.Locator("textarea").First;
        await field.WaitForAsync();
        await CutAsync(page);
        await field.ClickAsync();
        await field.PressSequentiallyAsync(text, new() { Delay = 30 });
        await dialog.GetByTestId("dialog-ok").ClickAsync();
        await Expect(page.GetByTestId("offline-taps")).ToContainTextAsync("进展已保存在本机");
        await page.WaitForTimeoutAsync(2_000);
        Assert.Empty(await NotesAsync(number));
        _proxy.Restore();

        await Expect(page.Locator("[data-kind=Note]").Filter(new() { HasText = text })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("offline-taps")).ToContainTextAsync("离线时保存的操作已提交");
        Assert.Equal([text], await NotesAsync(number));
        Assert.Equal(0, await KeptAsync(page));
    }

    [Fact]
    public async Task An_arrival_confirmed_in_its_dialog_without_a_signal_is_recorded_once_at_the_picked_time_and_the_dialog_closes()
    {
        var (page, number) = await IncidentOnPhoneAsync("昆山南吉山塑料包装厂");

        await page.Locator("[data-action=ConfirmArrival]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("dialog-ok").WaitForAsync();
        var openedAt = DateTime.UtcNow;
        await CutAsync(page);
        await dialog.GetByTestId("dialog-ok").ClickAsync();
        await Expect(page.GetByTestId("offline-taps")).ToContainTextAsync("恢复连接后自动提交");
        _proxy.Restore();

        await Expect(page.Locator("[data-step='ArriveOnScene.1']")).ToContainTextAsync("完成", new() { Timeout = 30_000 });
        await Expect(dialog).ToHaveCountAsync(0);
        // The picker shows hours and minutes: the time it showed, to the minute.
        var arrival = Assert.Single(await ArrivalsAsync(number));
        Assert.InRange(arrival, openedAt.AddSeconds(-61), openedAt.AddSeconds(1));
        Assert.Equal(0, arrival.Second);
    }

    /// <summary>A town officer logs an incident on the phone and is on its page, live, with taps watched.</summary>
    private async Task<(IPage Page, string Number)> IncidentOnPhoneAsync(string enterprise)
    {
        var page = await _phone.NewPageAsync();
        await Pages.SignInAsync(page, "zp.officer");
        await Pages.OpenLogFormAsync(page);
        await Pages.PickEnterpriseAsync(page, enterprise[2..4], enterprise);
        await page.GetByText("拖欠工资", new() { Exact = true }).ClickAsync();
        // The type's round trip re-renders the form (the plan's departments appear): type the figures after it, not into it.
        await page.GetByTestId("engage-now").WaitForAsync();
        await page.GetByLabel("涉及人数").FillAsync("20");
        await page.GetByLabel("欠薪金额（元）").FillAsync("6万");
        await page.GetByLabel("欠薪月数").FillAsync("2");
        await page.GetByLabel("情况描述").FillAsync("职工在厂门口聚集。");
        await page.GetByTestId("submit").ClickAsync();
        await page.GetByTestId("incident-number").WaitForAsync();
        var number = (await page.GetByTestId("incident-number").InnerTextAsync()).Trim();
        await Pages.WaitUntilInteractiveAsync(page);
        await page.Locator("[data-testid=offline-taps][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return (page, number);
    }

    /// <summary>Cuts the signal and waits until the page knows (Blazor shows its reconnect notice).</summary>
    private async Task CutAsync(IPage page)
    {
        _proxy.Cut();
        await page.Locator("#components-reconnect-modal[open]").WaitForAsync(new() { Timeout = 20_000 });
    }

    private static Task<int> KeptAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('disputes.offline-tap.')).length");

    private Task<List<DateTime>> ArrivalsAsync(string number) => TimelineAsync(number, TimelineKind.ArrivedOnScene,
        e => ((IncidentEvent.ArrivedOnScene)e).ArrivedAtUtc);

    private Task<List<string>> NotesAsync(string number) => TimelineAsync(number, TimelineKind.Note, e => ((IncidentEvent.Note)e).Text);

    private async Task<List<T>> TimelineAsync<T>(string number, TimelineKind kind, Func<IncidentEvent, T> read)
    {
        var options = new DbContextOptionsBuilder<DisputesDbContext>().UseSqlite($"Data Source={fixture.App.DatabasePath}").Options;
        await using var db = new DisputesDbContext(options);
        var payloads = await db.Incidents.AsNoTracking().Where(i => i.Number == number).SelectMany(i => i.Timeline)
            .Where(t => t.Kind == kind).Select(t => t.Payload).ToListAsync();
        return payloads.Select(p => read(IncidentEvent.FromJson(p))).ToList();
    }
}
