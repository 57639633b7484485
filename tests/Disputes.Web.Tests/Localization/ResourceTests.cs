using System.Text.RegularExpressions;
using System.Xml.Linq;
using Disputes.Domain;
using Disputes.Web.Components;
using Disputes.Web.Tests.Infrastructure;

namespace Disputes.Web.Tests.Localization;

/// <summary>A key missing from either language, or used in the code but defined nowhere, fails here rather than on a user's screen.</summary>
public sealed partial class ResourceTests
{
    private static readonly string Resources = Path.Combine(RepositoryRoot.Path, "src", "Disputes.Web", "Resources");
    private static readonly Dictionary<string, string> Chinese = Load("SharedResource.resx");
    private static readonly Dictionary<string, string> English = Load("SharedResource.en.resx");

    [Fact]
    public void Both_languages_have_the_same_keys()
    {
        Assert.Equal(Chinese.Keys.Order(), English.Keys.Order());
    }

    [Fact]
    public void No_text_is_blank()
    {
        Assert.Empty(Chinese.Concat(English).Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    [Fact]
    public void Chinese_texts_are_chinese()
    {
        var notChinese = Chinese.Where(kv => !ChineseCharacter().IsMatch(kv.Value) && !kv.Value.All(c => !char.IsLetter(c)))
            .Select(kv => kv.Key);

        Assert.Empty(notChinese);
    }

    [Fact]
    public void Placeholders_match_between_languages()
    {
        var mismatched = Chinese.Keys.Where(k => !Placeholders(Chinese[k]).SetEquals(Placeholders(English[k])));

        Assert.Empty(mismatched);
    }

    [Fact]
    public void Every_key_the_code_names_exists()
    {
        var prefixes = Chinese.Keys.Select(k => k.Split('.')[0]).ToHashSet();
        var source = Path.Combine(RepositoryRoot.Path, "src", "Disputes.Web");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => prefixes.Contains(k.Split('.')[0]))
            .ToHashSet();

        var missing = used.Where(k => !Chinese.ContainsKey(k)).ToList();

        Assert.NotEmpty(used);
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_role_has_a_name_and_duties()
    {
        var missing = Roles.All.SelectMany(r => new[] { $"Role.{r}", $"Role.{r}.Duty" }).Where(k => !Chinese.ContainsKey(k)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_domain_value_the_screens_name_has_a_text_in_both_languages()
    {
        var keys = EnumText.AllKeys().ToList();

        var missing = keys.Where(k => !Chinese.ContainsKey(k) || !English.ContainsKey(k)).ToList();

        Assert.Contains("Stage.Reported", keys);
        Assert.Contains("SeverityGrade.I.Short", keys);
        Assert.Empty(missing);
    }

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex("\"([A-Z][A-Za-z]*(?:\\.[A-Z][A-Za-z]*)+)\"")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex("\\{\\d+\\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("\\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseCharacter();
}
