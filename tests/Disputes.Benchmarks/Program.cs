namespace Disputes.Benchmarks;

/// <summary>Named, not top-level: the web app's own <c>Program</c> is the entry point the factory starts.</summary>
public static class BenchmarkProgram
{
    // dotnet run -c Release --project tests/Disputes.Benchmarks -- escalation [--steps 1000] [--window 60]
    // dotnet run -c Release --project tests/Disputes.Benchmarks -- fanout [--clients 500] [--changes 200]
    // dotnet run -c Release --project tests/Disputes.Benchmarks -- field [--no-publish] [--ready-only]
    // dotnet run -c Release --project tests/Disputes.Benchmarks -- reports [--incidents 20000] [--database path/to/disputes.db]
    // dotnet run -c Release --project tests/Disputes.Benchmarks -- monitoring [--incidents 100000] [--open 2000] [--samples 40] [--keep] [--database kept.db]
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "escalation" => await EscalationBenchmark.RunAsync(Options.Int(args, "--steps", 1000), TimeSpan.FromSeconds(Options.Int(args, "--window", 60))),
        "fanout" => await Fanout.RunAsync(Options.Int(args, "--clients", 500), Options.Int(args, "--changes", 200)),
        "field" => await Field.RunAsync(publish: !args.Contains("--no-publish"), lighthouse: !args.Contains("--ready-only")),
        "reports" => await ReportsBenchmark.RunAsync(Options.Int(args, "--incidents", 20_000), Options.Text(args, "--database")),
        "monitoring" => await MonitoringBenchmark.RunAsync(Options.Int(args, "--incidents", 100_000), Options.Int(args, "--open", 2_000), Options.Int(args, "--samples", 40), args.Contains("--keep"), Options.Text(args, "--database")),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Disputes.Benchmarks escalation [--steps N] [--window S] | fanout [--clients N] [--changes N] | field [--no-publish] [--ready-only] | reports [--incidents N] [--database PATH] | monitoring [--incidents N] [--open N] [--samples N] [--keep] [--database FILE]");
        return 2;
    }
}
