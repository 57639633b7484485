using System.Collections;
using System.Reflection;
using Xunit.Abstractions;

namespace Disputes.Web.Tests.Hostile;

/// <summary>The size of the hostile-input suite (issue 12, point 4: at least 200 cases), counted case by case per surface.</summary>
public sealed class HostileSuiteTests(ITestOutputHelper output)
{
    private static readonly Dictionary<Type, string> Surfaces = new()
    {
        [typeof(HostileCommandTests)] = "Commands",
        [typeof(HostileLogFormTests)] = "Forms",
        [typeof(HostileFormTests)] = "Forms",
        [typeof(HostileQueryStringTests)] = "QueryStrings",
        [typeof(HostileOfflineTapTests)] = "QueryStrings",
        [typeof(HostileHubTests)] = "Hub",
        [typeof(HostileFileTests)] = "Files",
        [typeof(HostileAccountTests)] = "Accounts",
    };

    [Fact]
    public void The_suite_has_at_least_200_hostile_cases_and_every_surface_has_its_own()
    {
        var classes = typeof(HostileSuiteTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(HostileSuiteTests).Namespace && t != typeof(HostileSuiteTests)
                        && t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>().Any()))
            .ToList();
        Assert.Empty(classes.Where(c => !Surfaces.ContainsKey(c)).Select(c => c.Name));

        var bySurface = classes.GroupBy(c => Surfaces[c]).ToDictionary(g => g.Key, g => g.Sum(Cases));
        foreach (var (surface, count) in bySurface.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"hostile_cases_{surface}={count}");
        }

        var total = bySurface.Values.Sum();
        output.WriteLine($"hostile_cases_total={total}");
        Assert.Equal(6, bySurface.Count);
        Assert.All(bySurface, s => Assert.True(s.Value >= 20, $"{s.Key}: {s.Value} cases"));
        Assert.True(total >= 200, $"{total} hostile cases");
    }

    /// <summary>What xUnit runs of a class: one per fact, one per row of a theory's data.</summary>
    private static int Cases(Type type) => type.GetMethods().Sum(method =>
    {
        if (method.GetCustomAttribute<TheoryAttribute>() is not null)
        {
            var inline = method.GetCustomAttributes<InlineDataAttribute>().Count();
            var members = method.GetCustomAttributes<MemberDataAttribute>().Sum(data =>
                ((IEnumerable)type.GetMethod(data.MemberName, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!).Cast<object>().Count());
            return inline + members;
        }

        return method.GetCustomAttribute<FactAttribute>() is not null ? 1 : 0;
    });
}
