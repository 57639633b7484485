using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Disputes.Domain.Reports;

namespace Disputes.Web.Features.Bulletins;

/// <summary>
/// The bulletin as a Word file, in the page layout of GB/T 9704-2012 (党政机关公文格式): A4; type area 156 mm × 225 mm with
/// a 37 mm top and 28 mm left margin; body in 仿宋 三号 (16 pt) on a grid of 22 lines of 28 characters; the name in
/// 小标宋 二号 (22 pt), headings in 黑体 三号; page numbers in 宋体 四号 (14 pt) between em dashes 7 mm below the type
/// area, odd pages on the right and even on the left, one character in. The footer of recipients (版记) is in 仿宋 四号
/// between rules. Each Chinese font names its Noto CJK stand-in in the font table, for machines without the official fonts.
/// </summary>
public static class BulletinDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string HeadingFont = "黑体";
    public const string PageNumberFont = "宋体";
    public const string LatinFont = "Times New Roman";
    public const string SerifFallback = "Noto Serif CJK SC";
    public const string SansFallback = "Noto Sans CJK SC";

    /// <summary>二号, 三号, 四号 in half-points.</summary>
    public const int TitleSize = 44;
    public const int BodySize = 32;
    public const int SmallSize = 28;

    // Twips (1/1440 inch): A4 210 × 297 mm; margins 37 (top), 35 (bottom), 28 (left), 26 (right) mm leave 156 × 225 mm.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int MarginTop = 2098;
    public const int MarginBottom = 1984;
    public const int MarginLeft = 1587;
    public const int MarginRight = 1474;

    /// <summary>The digits' line 7 mm below the type area: the footer's foot sits about 23 mm above the page's edge.</summary>
    public const int FooterDistance = 1304;

    /// <summary>225 mm over 22 lines: 28.95 pt a line.</summary>
    public const int LinePitch = 579;

    /// <summary>
    /// 156 mm (442.2 pt) over 28 characters of 16 pt: each a quarter point narrower, in twentieths of a point. Set on the
    /// body's runs rather than as Word's character grid (linesAndChars), which LibreOffice lays out at about 18 a line.
    /// </summary>
    public const int BodyCharacterSpacing = -5;

    private const int TypeAreaWidth = PageWidth - MarginLeft - MarginRight;
    private const int BodyCharacter = 320;
    private const int SmallCharacter = 280;
    private const string Red = "C00000";

    public static byte[] Write(Bulletin bulletin, BulletinText text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<FontTablePart>().Fonts = FontTable();
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new EvenAndOddHeaders());
            var oddFooter = main.AddNewPart<FooterPart>();
            oddFooter.Footer = PageNumberFooter(JustificationValues.Right, new Indentation { Right = SmallCharacter.ToString() });
            var evenFooter = main.AddNewPart<FooterPart>();
            evenFooter.Footer = PageNumberFooter(JustificationValues.Left, new Indentation { Left = SmallCharacter.ToString() });

            var body = new Body();
            body.Append(Masthead(text));
            foreach (var paragraph in bulletin.Paragraphs)
            {
                if (paragraph.Heading.Length > 0)
                {
                    body.Append(Line(paragraph.Heading, HeadingFont, BodySize, indentFirstLine: true));
                }

                foreach (var part in paragraph.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    body.Append(Line(part, BodyFont, BodySize, indentFirstLine: true));
                }
            }

            body.Append(Colophon(text));
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(oddFooter) },
                new FooterReference { Type = HeaderFooterValues.Even, Id = main.GetIdOfPart(evenFooter) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin
                {
                    Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight,
                    Header = 851, Footer = FooterDistance, Gutter = 0,
                },
                new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitch }));
            main.Document = new Document(body);
            document.PackageProperties.Title = text.Name + text.IssueNumber;
            document.PackageProperties.Creator = text.Issuer;
        }

        return stream.ToArray();
    }

    /// <summary>版头: the name, the issue number, the issuer on the left and the date on the right, then the red rule.</summary>
    private static IEnumerable<Paragraph> Masthead(BulletinText text)
    {
        yield return Line(text.Name, TitleFont, TitleSize, JustificationValues.Center, color: Red);
        yield return Line(text.IssueNumber, BodyFont, BodySize, JustificationValues.Center);
        var issuerLine = Line(text.Issuer, BodyFont, BodySize);
        issuerLine.ParagraphProperties!.Append(new Tabs(new TabStop { Val = TabStopValues.Right, Position = TypeAreaWidth }));
        issuerLine.ParagraphProperties.Append(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 12, Space = 4, Color = Red }));
        issuerLine.Append(TextRun(string.Empty, BodyFont, BodySize, tab: true), TextRun(text.IssuedOn, BodyFont, BodySize));
        Order(issuerLine.ParagraphProperties);
        yield return issuerLine;
        yield return Line(string.Empty, BodyFont, BodySize);
    }

    /// <summary>版记: 报 and 发 between a thick rule above and below, a thin one between; continued lines align after the colon.</summary>
    private static IEnumerable<Paragraph> Colophon(BulletinText text)
    {
        var lines = new List<(string Label, string Names)>();
        if (text.SentTo.Length > 0)
        {
            lines.Add((text.SentToLabel, text.SentTo));
        }

        if (text.DistributedTo.Length > 0)
        {
            lines.Add((text.DistributedToLabel, text.DistributedTo));
        }

        yield return Line(string.Empty, BodyFont, BodySize);
        for (var i = 0; i < lines.Count; i++)
        {
            var paragraph = Line(lines[i].Label + lines[i].Names, BodyFont, SmallSize);
            var labelWidth = lines[i].Label.Length * SmallCharacter;
            paragraph.ParagraphProperties!.Append(
                new ParagraphBorders(
                    i == 0 ? new TopBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "000000" } : new TopBorder { Val = BorderValues.Single, Size = 4, Space = 1, Color = "000000" },
                    i == lines.Count - 1 ? new BottomBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "000000" } : new BottomBorder { Val = BorderValues.Nil }),
                new Indentation { Left = (SmallCharacter + labelWidth).ToString(), Hanging = labelWidth.ToString(), Right = SmallCharacter.ToString() });
            Order(paragraph.ParagraphProperties);
            yield return paragraph;
        }
    }

    private static Footer PageNumberFooter(JustificationValues side, Indentation indentation)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = side }, indentation));
        Order(paragraph.ParagraphProperties!);
        paragraph.Append(TextRun("— ", PageNumberFont, SmallSize));
        paragraph.Append(new SimpleField(TextRun("1", PageNumberFont, SmallSize)) { Instruction = " PAGE " });
        paragraph.Append(TextRun(" —", PageNumberFont, SmallSize));
        return new Footer(paragraph);
    }

    /// <summary>A paragraph on the grid: every line exactly one of the 22, the title's 22 pt as well as the body's 16.</summary>
    private static Paragraph Line(string text, string font, int size, JustificationValues? justify = null, bool indentFirstLine = false, string? color = null)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact });
        if (justify is { } j)
        {
            properties.Append(new Justification { Val = j });
        }
        else
        {
            properties.Append(new Justification { Val = JustificationValues.Both });
        }

        if (indentFirstLine)
        {
            properties.Append(new Indentation { FirstLineChars = 200, FirstLine = (2 * BodyCharacter).ToString() });
        }

        Order(properties);
        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            paragraph.Append(TextRun(text, font, size, color: color));
        }

        return paragraph;
    }

    private static Run TextRun(string text, string font, int size, string? color = null, bool tab = false)
    {
        var properties = new RunProperties(
            new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = font, Hint = FontTypeHintValues.EastAsia },
            new FontSize { Val = size.ToString() },
            new FontSizeComplexScript { Val = size.ToString() });
        if (color is not null)
        {
            properties.InsertAfter(new Color { Val = color }, properties.GetFirstChild<RunFonts>());
        }

        if (size == BodySize)
        {
            properties.InsertBefore(new Spacing { Val = BodyCharacterSpacing }, properties.GetFirstChild<FontSize>());
        }

        var run = new Run(properties);
        if (tab)
        {
            run.Append(new TabChar());
        }

        if (text.Length > 0)
        {
            run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    /// <summary>The schema's order of paragraph properties (…, pBdr, shd, tabs, …, spacing, ind, …, jc): Word refuses others.</summary>
    private static readonly string[] PropertyOrder = ["pBdr", "tabs", "spacing", "ind", "jc"];

    /// <summary>Puts the paragraph's properties, appended in the order convenient here, in the schema's.</summary>
    private static void Order(ParagraphProperties properties)
    {
        var children = properties.ChildElements.ToList();
        properties.RemoveAllChildren();
        properties.Append(children.OrderBy(c => Array.IndexOf(PropertyOrder, c.LocalName) is var i and >= 0 ? i : PropertyOrder.Length));
    }

    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = BodyFont, ComplexScript = LatinFont },
                new FontSize { Val = BodySize.ToString() },
                new FontSizeComplexScript { Val = BodySize.ToString() },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact }))));

    private static Fonts FontTable() => new(
        Font(TitleFont, SerifFallback, FontFamilyValues.Roman),
        Font(BodyFont, SerifFallback, FontFamilyValues.Modern),
        Font(HeadingFont, SansFallback, FontFamilyValues.Modern),
        Font(PageNumberFont, SerifFallback, FontFamilyValues.Auto),
        new Font(new FontCharSet { Val = "00" }, new FontFamily { Val = FontFamilyValues.Roman }, new Pitch { Val = FontPitchValues.Variable }) { Name = LatinFont });

    /// <summary>A Chinese font (GB 2312 character set) with its Noto CJK stand-in as the alternative name.</summary>
    private static Font Font(string name, string fallback, FontFamilyValues family) =>
        new(new AltName { Val = fallback }, new FontCharSet { Val = "86" }, new FontFamily { Val = family }, new Pitch { Val = FontPitchValues.Variable })
        {
            Name = name,
        };
}
