using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Disputes.Web.Features.Roster;

/// <summary>
/// Reads the first worksheet of an .xlsx roster with the OpenXml SDK's forward-only reader (Microsoft's own, already the
/// bulletin's library): element by element, so nothing the file declares about itself — its dimension, a row's number, a
/// table of strings — is believed before it is counted against the <see cref="RosterBudget"/>. A row's number is read
/// from the row, not reached by walking the empty rows before it; cells right of the columns a roster can use are passed
/// over unread. Values as a spreadsheet stores them: text, numbers as <see cref="double"/>, booleans, ISO dates.
/// </summary>
internal static class RosterWorkbook
{
    public static IEnumerable<RosterLine> Lines(byte[] content, RosterBudget budget)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = RosterBudget.MaxPartCharacters });
        var workbook = document.WorkbookPart ?? throw new RosterFileException("roster.file-type");
        if (FirstWorksheet(workbook) is not { } sheet)
        {
            yield break;
        }

        var strings = SharedStrings(workbook.SharedStringTablePart, budget);
        foreach (var line in Rows(sheet, strings, budget))
        {
            yield return line;
        }
    }

    private static WorksheetPart? FirstWorksheet(WorkbookPart workbook) =>
        workbook.Workbook?.Sheets?.Elements<Sheet>()
            .Select(s => s.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) ? part as WorksheetPart : null)
            .FirstOrDefault(p => p is not null);

    private static List<string> SharedStrings(SharedStringTablePart? part, RosterBudget budget)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        long characters = 0;
        using var reader = OpenXmlReader.Create(part);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement)
            {
                reader.Read();
                continue;
            }

            // One entry at a time, loaded whole (bounded by the part's character limit); loading moves the reader on.
            var text = Text((SharedStringItem)reader.LoadCurrentElement()!);
            characters += text.Length;
            if (strings.Count == RosterBudget.MaxSharedStrings || characters > RosterBudget.MaxSharedChars)
            {
                throw new RosterFileException("roster.file-too-complex");
            }

            strings.Add(text);
            if (strings.Count % 512 == 0)
            {
                budget.Check();
            }
        }

        return strings;
    }

    private static IEnumerable<RosterLine> Rows(WorksheetPart sheet, List<string> strings, RosterBudget budget)
    {
        using var reader = OpenXmlReader.Create(sheet);
        List<object?>? cells = null;
        var number = 0;
        var column = -1;
        var cellCount = 0;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                if (cells is not null)
                {
                    yield return new RosterLine(number, cells);
                }

                number = Attribute(reader, "r") is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) ? declared : number + 1;
                RosterBudget.CheckLine(number);
                budget.Check();
                cells = [];
                column = -1;
                reader.Read();
                continue;
            }

            if (reader.ElementType != typeof(Cell) || !reader.IsStartElement || cells is null)
            {
                reader.Read();
                continue;
            }

            if (++cellCount > RosterBudget.MaxCells)
            {
                throw new RosterFileException("roster.file-too-complex");
            }

            if (cellCount % 256 == 0)
            {
                budget.Check();
            }

            column = Attribute(reader, "r") is { } reference ? ColumnIndex(reference) : column + 1;
            if (column >= RosterBudget.MaxColumns)
            {
                reader.Skip();
                continue;
            }

            var value = Value((Cell)reader.LoadCurrentElement()!, strings);
            while (cells.Count <= column)
            {
                cells.Add(null);
            }

            cells[column] = value;
        }

        if (cells is not null)
        {
            yield return new RosterLine(number, cells);
        }
    }

    private static string? Attribute(OpenXmlReader reader, string localName)
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == localName && string.IsNullOrEmpty(attribute.NamespaceUri))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>The 0-based column of a reference such as <c>C12</c>; past the last usable column for anything longer than three letters.</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            {
                if (++letters > 3)
                {
                    return int.MaxValue;
                }

                column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            }
            else
            {
                break;
            }
        }

        return letters == 0 ? int.MaxValue : column - 1;
    }

    private static object? Value(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count
                ? strings[index]
                : throw new RosterFileException("roster.file-type");
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? Text(inline) : null;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1";
        }

        if (type == CellValues.Date)
        {
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? date : raw;
        }

        if (type == CellValues.String || type == CellValues.Error || string.IsNullOrEmpty(raw))
        {
            return raw;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : raw;
    }

    /// <summary>A string as Excel shows it: its plain text, or its rich-text runs joined (phonetic guides left out).</summary>
    private static string Text(OpenXmlCompositeElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));
}
