using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Disputes.Benchmarks;

/// <summary>
/// The app as a phone first loads it: the Release build on Kestrel with the demo city, scored by Lighthouse
/// (mobile, its default simulated slow 4G and CPU slowdown) for the sign-in page, the home page and the log form.
/// </summary>
public static partial class Field
{
    private const string LighthouseVersion = "12.8.2"; // the last line that runs on Debian's Node 20 (13 needs Node 22)
    private const string DemoUser = "zp.officer";

    /// <summary>Debian's Chromium as every browser here runs it (Ready passes them to Playwright, which adds its own headless flag).</summary>
    internal static readonly string[] ChromeFlags =
        ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly (string Name, string Path, bool SignedIn)[] Pages =
        [("sign_in", "/account/login", false), ("home", "/", true), ("log_form", "/incidents/new", true)];

    public static async Task<int> RunAsync(bool publish, bool lighthouse = true)
    {
        var root = BenchmarkApp.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("disputes-field-");
        try
        {
            var cli = lighthouse ? await InstallLighthouseAsync(root) : null;
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            using var app = await StartAppAsync(root, work.FullName, address, publish);
            try
            {
                await WaitUntilLiveAsync(address, app);
                var cookie = await SignInAsync(address);
                foreach (var page in cli is null ? [] : Pages)
                {
                    await MeasureAsync(cli!, work.FullName, new Uri(address, page.Path), page.Name, page.SignedIn ? cookie : null);
                }

                await Ready.MeasureAsync(address, DemoUser, Data.Seeding.DemoData.Password);
            }
            finally
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<Process> StartAppAsync(string root, string work, Uri address, bool publish)
    {
        var project = Path.Combine(root, "src", "Disputes.Web");
        ProcessStartInfo start;
        if (publish)
        {
            var output = Path.Combine(work, "publish");
            await RunToEndAsync("dotnet", ["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q"], root);
            start = new ProcessStartInfo("dotnet", [Path.Combine(output, "Disputes.Web.dll")]) { WorkingDirectory = output };
        }
        else
        {
            start = new ProcessStartInfo("dotnet", ["run", "-c", "Release", "--project", project, "--no-launch-profile"]) { WorkingDirectory = root };
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        // Development would send every asset with no-cache; a phone in the field gets the caching the build defines.
        start.Environment["EnableStaticAssetsDevelopmentCaching"] = "true";
        start.Environment["ConnectionStrings__Disputes"] = $"Data Source={Path.Combine(work, "disputes.db")}";
        start.Environment["Files__Root"] = Path.Combine(work, "files");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"app: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilLiveAsync(Uri address, Process app)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !app.HasExited)
        {
            try
            {
                if ((await client.GetAsync(new Uri(address, "/health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException($"The app did not answer at {address} (exited: {app.HasExited}).");
    }

    /// <summary>Posts the sign-in form as a browser does (its antiforgery token included) and returns the cookies to send.</summary>
    private static async Task<string> SignInAsync(Uri address)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var form = await client.GetStringAsync("/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value),
            ["_handler"] = "login",
            ["Input.UserName"] = DemoUser,
            ["Input.Password"] = Data.Seeding.DemoData.Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {DemoUser} answered {(int)response.StatusCode}, not a redirect.");
        }
        return cookies.GetCookieHeader(address);
    }

    private static async Task MeasureAsync(string lighthouse, string work, Uri url, string page, string? cookie)
    {
        var report = Path.Combine(work, $"{page}.json");
        List<string> arguments =
        [
            lighthouse, url.ToString(), "--quiet", "--output=json", $"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices", $"--chrome-flags={string.Join(' ', ChromeFlags)}",
        ];
        if (cookie is not null)
        {
            var headers = Path.Combine(work, "headers.json");
            await File.WriteAllTextAsync(headers, JsonSerializer.Serialize(new Dictionary<string, string> { ["Cookie"] = cookie }));
            arguments.Add($"--extra-headers={headers}");
        }
        await RunToEndAsync("node", arguments, work, ("CHROME_PATH", "/usr/bin/chromium"));

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(report));
        var result = json.RootElement;
        if (result.TryGetProperty("runtimeError", out var error))
        {
            throw new InvalidOperationException($"Lighthouse on {url}: {error.GetProperty("message").GetString()}");
        }
        var categories = result.GetProperty("categories");
        var audits = result.GetProperty("audits");
        var finalUrl = result.GetProperty("finalDisplayedUrl").GetString();
        if (finalUrl != url.ToString())
        {
            Console.Error.WriteLine($"# {page}: Lighthouse ended on {finalUrl}, not {url}");
        }
        Console.WriteLine($"lighthouse_{page}_performance={Score(categories, "performance")}");
        Console.WriteLine($"lighthouse_{page}_accessibility={Score(categories, "accessibility")}");
        Console.WriteLine($"lighthouse_{page}_best_practices={Score(categories, "best-practices")}");
        var bytes = audits.GetProperty("total-byte-weight").GetProperty("numericValue").GetDouble();
        Console.WriteLine($"transfer_{page}_kb={Math.Round(bytes / 1024).ToString(CultureInfo.InvariantCulture)}");
        foreach (var line in Blamed(categories, audits))
        {
            Console.Error.WriteLine($"# {page}: {line}");
        }
    }

    private static string Score(JsonElement categories, string category) =>
        categories.GetProperty(category).GetProperty("score").GetDouble().ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The weighted audits each category loses most on, and the metrics, for whoever reads the run.</summary>
    private static IEnumerable<string> Blamed(JsonElement categories, JsonElement audits)
    {
        foreach (var metric in new[] { "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index" })
        {
            yield return $"{metric} {audits.GetProperty(metric).GetProperty("displayValue").GetString()}";
        }
        foreach (var category in categories.EnumerateObject())
        {
            var lost = category.Value.GetProperty("auditRefs").EnumerateArray()
                .Select(r => (Ref: r, Audit: audits.GetProperty(r.GetProperty("id").GetString()!)))
                .Where(a => a.Ref.GetProperty("weight").GetDouble() > 0 && a.Audit.GetProperty("score") is { ValueKind: JsonValueKind.Number } s && s.GetDouble() < 0.9)
                .OrderByDescending(a => a.Ref.GetProperty("weight").GetDouble() * (1 - a.Audit.GetProperty("score").GetDouble()))
                .Take(4);
            foreach (var (auditRef, audit) in lost)
            {
                var shown = audit.TryGetProperty("displayValue", out var value) ? $" ({value.GetString()})" : "";
                yield return $"{category.Name} loses on {auditRef.GetProperty("id").GetString()}: {audit.GetProperty("title").GetString()}{shown}{FirstCulprit(audit)}";
            }
        }
    }

    /// <summary>The element an accessibility audit names first, so the run says where to look.</summary>
    private static string FirstCulprit(JsonElement audit) =>
        audit.TryGetProperty("details", out var details) && details.TryGetProperty("items", out var items)
            && items.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } item
            && item.TryGetProperty("node", out var node) && node.TryGetProperty("snippet", out var snippet)
            ? $" — first: {snippet.GetString()}"
            : "";

    /// <summary>Lighthouse at its pinned version in the benchmark's obj/ folder, installed from npm the first time.</summary>
    private static async Task<string> InstallLighthouseAsync(string root)
    {
        var prefix = Path.Combine(root, "tests", "Disputes.Benchmarks", "obj", $"lighthouse-{LighthouseVersion}");
        var cli = Path.Combine(prefix, "node_modules", "lighthouse", "cli", "index.js");
        if (!File.Exists(cli))
        {
            Directory.CreateDirectory(prefix);
            await RunToEndAsync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", $"lighthouse@{LighthouseVersion}"], prefix);
        }
        return cli;
    }

    private static async Task RunToEndAsync(string file, IEnumerable<string> arguments, string directory, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
