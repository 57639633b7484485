using System.Xml.Linq;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Tests.Infrastructure;

namespace Disputes.Web.Tests.Localization;

/// <summary>The product has one name per language, on every screen, in the sender of every email and in the README.</summary>
public sealed class ProductNameTests
{
    private const string ChineseName = "劳资纠纷应急处置";
    private const string EnglishName = "Labour Dispute Response";

    /// <summary>Names it went by before.</summary>
    private static readonly string[] OldNames = ["劳资矛盾应急预案管理系统", "劳动争议应急处置", "emergency plan for labour disputes"];

    private static readonly string Resources = Path.Combine(RepositoryRoot.Path, "src", "Disputes.Web", "Resources");

    [Fact]
    public void The_title_is_the_one_name_in_each_language()
    {
        Assert.Equal(ChineseName, Texts("SharedResource.resx")["App.Title"]);
        Assert.Equal(EnglishName, Texts("SharedResource.en.resx")["App.Title"]);
    }

    [Fact]
    public void No_text_uses_an_old_name()
    {
        var texts = Texts("SharedResource.resx").Concat(Texts("SharedResource.en.resx"));

        Assert.Empty(texts.Where(kv => OldNames.Any(old => kv.Value.Contains(old, StringComparison.OrdinalIgnoreCase))).Select(kv => kv.Key));
    }

    [Fact]
    public void Email_comes_from_the_product_by_default()
    {
        Assert.Equal(ChineseName, new EmailOptions().FromName);
    }

    [Fact]
    public void The_readme_names_the_product_as_the_app_does()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

        Assert.Contains(ChineseName, readme, StringComparison.Ordinal);
        Assert.Contains(EnglishName, readme, StringComparison.Ordinal);
        Assert.DoesNotContain(OldNames, old => readme.Contains(old, StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
}
