using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Benchmarks;

/// <summary>The real app stack on Kestrel (real sockets), its own SQLite file, the demo city without demo incidents.</summary>
public sealed class BenchmarkApp : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "disputes-bench", Guid.NewGuid().ToString("N"));

    public BenchmarkApp()
    {
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
        StartServer();
    }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.Combine(RepositoryRoot(), "src", "Disputes.Web"));
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Disputes", $"Data Source={Path.Combine(_directory, "disputes.db")}");
        builder.UseSetting("Database:SeedDemoIncidents", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Files:Root", Path.Combine(_directory, "files"));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Disputes.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from the repository: Disputes.sln not found.");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp clean-up.
        }
    }
}
