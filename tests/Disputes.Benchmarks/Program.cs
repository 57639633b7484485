namespace Disputes.Benchmarks;

/// <summary>Named, not top-level: the web app's own <c>Program</c> is the entry point the factory starts.</summary>
public static class BenchmarkProgram
{
    // dotnet run -c Release --project tests/Disputes.Benchmarks -- fanout [--clients 500] [--changes 200]
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "fanout" => await Fanout.RunAsync(Options.Int(args, "--clients", 500), Options.Int(args, "--changes", 200)),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Disputes.Benchmarks fanout [--clients N] [--changes N]");
        return 2;
    }
}
