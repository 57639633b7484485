using System.Globalization;

namespace Disputes.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Disputes.Benchmarks -- escalation [steps] [window-seconds]</c>.
/// Not top-level statements: the web app's <c>Program</c> is the one this harness hosts.
/// </summary>
public static class Benchmarks
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault() ?? "escalation")
        {
            case "escalation":
                var steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
                var window = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
                return await EscalationBenchmark.RunAsync(steps, TimeSpan.FromSeconds(window));
            default:
                await Console.Error.WriteLineAsync($"Unknown benchmark '{args[0]}'. Available: escalation");
                return 2;
        }
    }
}
