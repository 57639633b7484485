using System.Diagnostics;
using Microsoft.Playwright;

namespace Disputes.EndToEnd;

/// <summary>
/// axe-core, the engine behind Lighthouse's accessibility audits, at a pinned version in the test project's obj/ folder,
/// installed from npm the first time a test needs it.
/// </summary>
public static class Axe
{
    public const string Version = "4.14.1";

    private static readonly Lazy<Task<string>> Script = new(InstallAsync);

    /// <summary>
    /// Runs every axe rule on the page as it stands and returns the violations a user is kept out by (impact serious or
    /// critical), one each: rule, impact, what to do, and the first offending nodes' selectors, markup and what is wrong with them.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = await Script.Value });
        return await page.EvaluateAsync<string[]>("""
            async () => {
              // Colours are read as drawn: a toast still fading in would count as faint text.
              await Promise.allSettled(document.getAnimations()
                .filter(a => a.effect?.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished));
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 5)
                  .map(n => `      ${n.target.join(' ')}  ${n.html.slice(0, 200)}\n        ${(n.failureSummary ?? '').split('\n').slice(1).map(s => s.trim()).join('; ')}`)
                  .concat(v.nodes.length > 5 ? [`      … and ${v.nodes.length - 5} more`] : [])
                  .join('\n'));
            }
            """);
    }

    private static async Task<string> InstallAsync()
    {
        var prefix = Path.Combine(Repository.Root, "tests", "Disputes.EndToEnd", "obj", $"axe-core-{Version}");
        var script = Path.Combine(prefix, "node_modules", "axe-core", "axe.min.js");
        if (File.Exists(script))
        {
            return script;
        }

        Directory.CreateDirectory(prefix);
        var start = new ProcessStartInfo("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", $"axe-core@{Version}"])
        {
            WorkingDirectory = prefix,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start: tests/run.sh installs Debian's npm.");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0 || !File.Exists(script))
        {
            throw new InvalidOperationException($"npm install axe-core@{Version} exited {npm.ExitCode}:\n{await output}\n{await errors}");
        }

        return script;
    }
}
