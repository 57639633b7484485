using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Disputes.EndToEnd;

/// <summary>
/// The web app started as a real process (Development: seeded demo city) on a free loopback port, with its
/// own SQLite file. Its output is kept for the failure message.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    private AppProcess(Process process, string directory, bool ownsDirectory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>The folder of its SQLite file, to start another process on the same database.</summary>
    public string Directory => _directory;

    public string DatabasePath => Path.Combine(_directory, "disputes.db");

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="directory">
    /// The data folder (SQLite file, attachments) of an earlier process to start again on, or to share between two
    /// instances; a fresh one, removed afterwards, when null.
    /// </param>
    /// <param name="extraArguments">More settings, as command-line arguments.</param>
    public static async Task<AppProcess> StartAsync(string? directory = null, params string[] extraArguments)
    {
        var root = Repository.Root;
        var webProject = Path.Combine(root, "src", "Disputes.Web");
        var dll = Path.Combine(webProject, "bin", Repository.Configuration, "net10.0", "Disputes.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the solution first (tests/run.sh does).", dll);
        }

        var ownsDirectory = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "disputes-e2e", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        // A port found free can be taken before the app binds it (another test's app, or the local end of an outgoing
        // connection): the app then exits, and another process may even answer on it. So readiness is this process's
        // own "Now listening on" plus its health, and a taken port is tried again with another.
        for (var attempt = 1; ; attempt++)
        {
            var app = Start(dll, webProject, directory, ownsDirectory, new Uri($"http://127.0.0.1:{FreePort()}"), extraArguments);
            try
            {
                await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
                return app;
            }
            catch (PortTakenException) when (attempt < 5)
            {
                await app.DisposeProcessAsync();
            }
        }
    }

    private static AppProcess Start(string dll, string webProject, string directory, bool ownsDirectory, Uri baseAddress, string[] extraArguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     dll, "--urls", baseAddress.ToString(), "--contentRoot", webProject,
                     $"--ConnectionStrings:Disputes=Data Source={Path.Combine(directory, "disputes.db")}",
                     "--Database:SeedDemoIncidents=false",
                     $"--Files:Root={Path.Combine(directory, "files")}",
                 }.Concat(extraArguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, directory, ownsDirectory, baseAddress);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private sealed class PortTakenException(string message) : Exception(message);

    /// <summary>Ends a process that never became ready, keeping its data folder for the next attempt.</summary>
    private async Task DisposeProcessAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var listening = "Now listening on: " + BaseAddress.ToString().TrimEnd('/');
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // the last lines of its output
                var output = Output;
                throw output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                    ? new PortTakenException($"{BaseAddress} was taken:\n{output}")
                    : new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{output}");
            }

            try
            {
                if (Output.Contains(listening, StringComparison.Ordinal) && (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app was not ready within {timeout}:\n{Output}");
    }

    /// <summary>
    /// Runs the app once as a command on a data folder (<c>dotnet Disputes.Web.dll verify-audit</c>, as
    /// <c>dotnet run --project src/Disputes.Web -- verify-audit</c> does) and answers its exit code and output.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string directory, params string[] arguments)
    {
        var webProject = Path.Combine(Repository.Root, "src", "Disputes.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] all =
        [
            Path.Combine(webProject, "bin", Repository.Configuration, "net10.0", "Disputes.Web.dll"), .. arguments,
            "--contentRoot", webProject, $"--ConnectionStrings:Disputes=Data Source={Path.Combine(directory, "disputes.db")}",
            "--Database:SeedDemoIncidents=false", $"--Files:Root={Path.Combine(directory, "files")}",
        ];
        foreach (var arg in all)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as a crash or an OOM kill would end it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        KeepLog();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp clean-up.
        }
    }

    /// <summary>
    /// The process's whole output, kept in <c>DISPUTES_E2E_LOGS</c> when set: tests/run.sh scans every app log of the run
    /// for ID numbers and phone numbers, which no log may carry.
    /// </summary>
    private void KeepLog()
    {
        if (Environment.GetEnvironmentVariable("DISPUTES_E2E_LOGS") is { Length: > 0 } folder)
        {
            System.IO.Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"app-{BaseAddress.Port}-{Guid.NewGuid():N}.log"), Output);
        }
    }
}
