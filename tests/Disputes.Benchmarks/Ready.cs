using System.Diagnostics;
using System.Globalization;
using Disputes.EndToEnd;
using Microsoft.Playwright;

namespace Disputes.Benchmarks;

/// <summary>
/// How long a person waits on a 300 ms round trip (150 ms each way, the E2E tests' latency proxy) with Debian's Chromium
/// on a phone-sized screen: from opening the sign-in page to a log form that keeps what is typed (the tap on 登录 and the
/// one on 登记新事件 included, the typing not), and from a deep link to an incident, already signed in, to a page that
/// answers taps. The median of several runs, each in a browser with an empty cache; the incident with the cache of the
/// visit before (a person signed in has used the app in that browser) and, as ready_incident_cold_ms, without.
/// </summary>
public static class Ready
{
    private const int Runs = 3;
    private static readonly TimeSpan EachWay = TimeSpan.FromMilliseconds(150);

    public static async Task MeasureAsync(Uri app, string userName, string password)
    {
        await using var proxy = LatencyProxy.Start(app, EachWay);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = [.. Field.ChromeFlags.Where(flag => !flag.StartsWith("--headless", StringComparison.Ordinal)), "--disable-quic"],
        });

        List<double> logForm = [], incidentCold = [], incidentWarm = [];
        string? number = null;
        for (var run = 0; run < Runs; run++)
        {
            await using var context = await browser.NewContextAsync(Phone(proxy.BaseAddress));
            var page = await context.NewPageAsync();
            var watch = Stopwatch.StartNew();
            if (Environment.GetEnvironmentVariable("READY_TRACE") is not null)
            {
                page.Request += (_, r) => Console.Error.WriteLine($"#   {watch.ElapsedMilliseconds,6} > {r.Method} {r.Url}");
                page.Response += (_, r) => Console.Error.WriteLine($"#   {watch.ElapsedMilliseconds,6} < {r.Status} {r.Url}");
                page.WebSocket += (_, w) => w.FrameReceived += (_, f) => Console.Error.WriteLine($"#   {watch.ElapsedMilliseconds,6} ws< {f.Text?.Length ?? f.Binary?.Length}");
            }
            await page.GotoAsync("/account/login");
            await page.GetByLabel("用户名").FillAsync(userName);
            await page.GetByLabel("密码").FillAsync(password);
            var signInShown = watch.Elapsed.TotalMilliseconds;
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Interactive(page);
            var homeInteractive = watch.Elapsed.TotalMilliseconds;
            await page.GetByTestId("log-incident").ClickAsync();
            await page.Locator("[data-draft-ready=true]").WaitForAsync();
            logForm.Add(watch.Elapsed.TotalMilliseconds);
            Console.Error.WriteLine($"# ready: sign-in form {Ms(signInShown)}, home interactive {Ms(homeInteractive)}, log form {Ms(logForm[^1])}");

            number ??= await FirstIncidentAsync(page);
            var state = await context.StorageStateAsync();
            await using var cold = await browser.NewContextAsync(new BrowserNewContextOptions(Phone(proxy.BaseAddress)) { StorageState = state });
            incidentCold.Add(await OpenIncidentAsync(await cold.NewPageAsync(), number));
            incidentWarm.Add(await OpenIncidentAsync(await context.NewPageAsync(), number));
        }

        Console.WriteLine($"ready_log_form_ms={Median(logForm)}");
        // Signed in already means the app has been used in this browser: its fingerprinted assets are cached (immutable).
        Console.WriteLine($"ready_incident_ms={Median(incidentWarm)}");
        Console.WriteLine($"ready_incident_cold_ms={Median(incidentCold)}");
        Console.Error.WriteLine($"# ready: {Runs} runs at {EachWay.TotalMilliseconds:0} ms each way; log form {string.Join(", ", logForm.Select(Ms))}; " +
            $"incident {string.Join(", ", incidentCold.Select(Ms))} (cached {string.Join(", ", incidentWarm.Select(Ms))})");
    }

    private static BrowserNewContextOptions Phone(Uri baseAddress) => new()
    {
        BaseURL = baseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "zh-CN",
    };

    /// <summary>The layout's marker that only the interactive render emits: from then on a tap is heard.</summary>
    private static Task Interactive(IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    private static async Task<string> FirstIncidentAsync(IPage page)
    {
        await page.GotoAsync("/board");
        var link = page.Locator("a[href^='/incidents/']:not([href='/incidents/new'])").First;
        await link.WaitForAsync(new() { Timeout = 60_000 });
        return (await link.GetAttributeAsync("href"))!.Split('/').Last();
    }

    private static async Task<double> OpenIncidentAsync(IPage page, string number)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync($"/incidents/{number}");
        await Interactive(page);
        await page.GetByTestId("incident-number").WaitForAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        await page.CloseAsync();
        return elapsed;
    }

    private static string Median(List<double> values) => Ms(values.Order().ElementAt(values.Count / 2));

    private static string Ms(double value) => Math.Round(value).ToString(CultureInfo.InvariantCulture);
}
