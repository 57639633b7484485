using Microsoft.Playwright;

namespace Disputes.EndToEnd;

/// <summary>
/// One app process and one Debian Chromium for the test collection. Playwright's own browser download does
/// not work here, so it drives /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public AppProcess App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: tests/run.sh installs Debian's chromium.");
        }

        // A cold app on a loaded two-core machine can take several seconds for its first circuit.
        Assertions.SetDefaultExpectTimeout(15_000);
        App = await AppProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A phone: 390 × 844, touch, as an officer in a factory yard holds it.</summary>
    /// <param name="app">Another app than the shared one, for a test that changes settings every test would see.</param>
    /// <param name="through">A latency proxy in front of the app, for a phone on a slow link.</param>
    /// <param name="injectsScripts">
    /// The test adds a script of its own to the page (axe-core): the app's Content-Security-Policy would rightly block it,
    /// so the browser is told to set the policy aside. Every other test runs under the policy.
    /// </param>
    public Task<IBrowserContext> NewPhoneAsync(AppProcess? app = null, LatencyProxy? through = null, bool injectsScripts = false) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BypassCSP = injectsScripts,
        BaseURL = (through?.BaseAddress ?? (app ?? App).BaseAddress).ToString(),
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "en-US",
    });

    public Task<IBrowserContext> NewDesktopAsync(AppProcess? app = null, bool injectsScripts = false) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BypassCSP = injectsScripts,
        BaseURL = (app ?? App).BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
    });

    /// <summary>Runs a browser test; when it fails, the failure carries the last part of the shared app's log (where a server exception is).</summary>
    public async Task WithAppLogAsync(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch (PlaywrightException failure)
        {
            var log = App.Output;
            throw new InvalidOperationException($"{failure.Message}\n--- the app's log, last part ---\n{log[Math.Max(0, log.Length - 6000)..]}", failure);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
