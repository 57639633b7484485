using System.Globalization;
using Disputes.Domain;
using Disputes.Domain.Workers;

namespace Disputes.Web.Features.Roster;

/// <summary>
/// Reads an uploaded roster of workers owed wages (CSV in UTF-8 or GBK, or .xlsx) into rows the officer
/// can check before anything is saved. Every problem is reported, per row or for the file; nothing throws
/// for what a user can upload.
/// </summary>
public static class RosterParser
{
    public const int MaxRows = 5_000;
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>Lines a file may have, empty ones included (see <see cref="RosterBudget"/>).</summary>
    public const int MaxLines = RosterBudget.MaxLines;

    // A title such as "科家塑胶欠薪职工花名册" often sits above the header; the header is looked for this far down.
    private const int HeaderSearchLines = 10;

    /// <summary>
    /// Reads a roster on <paramref name="today"/> (China): an ID number whose birth date is still to come is refused too,
    /// which the number itself, checked without a clock, cannot know.
    /// </summary>
    public static async Task<RosterReport> ParseAsync(Stream content, string fileName, DateOnly today, CancellationToken cancellationToken = default)
    {
        var report = await ParseAsync(content, fileName, cancellationToken);
        return report with
        {
            Rows = [.. report.Rows.Select(r => r.IdNumber is { } id && id.BirthDate > today && !r.Errors.Contains("id-number.birth-date")
                ? r with { IdNumber = null, Errors = [.. r.Errors, "id-number.birth-date"] }
                : r)],
        };
    }

    public static async Task<RosterReport> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            return RosterReport.Failed("roster.file-type");
        }

        var bytes = await ReadAtMostAsync(content, MaxFileBytes, cancellationToken);
        if (bytes is null)
        {
            return RosterReport.Failed("roster.file-too-large");
        }

        if (bytes.Length == 0)
        {
            return RosterReport.Failed("roster.file-empty");
        }

        // Off the page's thread, within a time budget: what the file holds cannot keep a core busy or the page waiting.
        using var time = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        time.CancelAfter(RosterBudget.Time);
        try
        {
            return await Task.Run(() => Parse(bytes, extension, new RosterBudget(time.Token)), time.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RosterReport.Failed("roster.file-too-complex");
        }
    }

    private static RosterReport Parse(byte[] bytes, string extension, RosterBudget budget)
    {
        try
        {
            if (extension == ".csv")
            {
                return RosterFile.Csv(bytes, budget) is { } csv ? Parse(csv) : RosterReport.Failed("roster.file-type");
            }

            var lines = RosterFile.Xlsx(bytes, budget, out var error);
            return error is null ? Parse(lines) : RosterReport.Failed(error);
        }
        catch (RosterFileException limit)
        {
            return RosterReport.Failed(limit.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException && extension == ".xlsx")
        {
            // A workbook can be broken in more ways than the SDK has exception types for; to the officer
            // each of them means the same: this is not an Excel file we can read.
            return RosterReport.Failed("roster.file-type");
        }
    }

    private static RosterReport Parse(IEnumerable<RosterLine> lines)
    {
        RosterHeader? header = null;
        var missing = RosterHeader.Required;
        var linesBeforeHeader = 0;
        var rows = new List<RosterRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (header is null)
            {
                var texts = line.Cells.Select(Text).ToList();
                if (texts.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var candidate = RosterHeader.Read(texts);
                if (candidate.Missing.Count == 0)
                {
                    header = candidate;
                }
                else if (candidate.Missing.Count < missing.Count)
                {
                    missing = candidate.Missing;
                }

                if (header is null && ++linesBeforeHeader == HeaderSearchLines)
                {
                    break;
                }

                continue;
            }

            if (ReadRow(line, header, seen) is not { } row)
            {
                continue;
            }

            if (rows.Count == MaxRows)
            {
                return RosterReport.Failed("roster.too-many-rows");
            }

            rows.Add(row);
        }

        if (header is null)
        {
            return RosterReport.Failed(linesBeforeHeader == 0 ? "roster.file-empty" : "roster.header-missing", missing);
        }

        return rows.Count == 0 ? RosterReport.Failed("roster.file-empty") : new RosterReport(rows);
    }

    /// <summary>Null for a blank row; a template's pre-numbered but otherwise empty rows count as blank.</summary>
    private static RosterRow? ReadRow(RosterLine line, RosterHeader header, HashSet<string> seen)
    {
        object? Cell(RosterColumn column) => header.IndexOf(column) is { } i && i < line.Cells.Count ? line.Cells[i] : null;

        var name = Text(Cell(RosterColumn.Name)).Trim();
        var idCell = Cell(RosterColumn.IdNumber);
        var idText = Text(idCell).Trim();
        var phone = Text(Cell(RosterColumn.Phone)).Trim();
        var amountText = Text(Cell(RosterColumn.AmountOwed)).Trim();
        if (name.Length == 0 && idText.Length == 0 && phone.Length == 0 && amountText.Length == 0)
        {
            return null;
        }

        var errors = new List<string>();
        if (name.Length == 0)
        {
            errors.Add("roster.name-missing");
        }
        else if (name.Length > WorkerClaim.NameMaxLength)
        {
            // Passed as valid, the line would fail as the roster is imported (WorkerClaim refuses it), not here where it can be fixed.
            errors.Add("roster.name-too-long");
        }
        else if (!TypedText.IsClean(name))
        {
            errors.Add(TypedText.CharactersError);
        }

        ResidentIdNumber? id = null;
        if (IsNumber(idCell))
        {
            // Excel keeps 15 significant digits of a number: an ID number typed into a number cell has
            // already lost its last digits, whatever is shown.
            errors.Add("id-number.length");
        }
        else if (ResidentIdNumber.TryParse(idText, out var parsed, out var idError))
        {
            id = parsed;
            if (!seen.Add(parsed.Value))
            {
                errors.Add("roster.duplicate");
            }
        }
        else
        {
            errors.Add(idError!);
        }

        if (phone.Length > 0 && (!IsPhoneNumber(phone) || phone.Length > WorkerClaim.PhoneMaxLength))
        {
            errors.Add("roster.phone-format");
        }

        Money? amount = null;
        if (amountText.Length == 0)
        {
            errors.Add("roster.amount-missing");
        }
        else if (Money.TryParse(WithUnit(amountText, header), out var money, out var moneyError))
        {
            if (money.Fen > 0)
            {
                amount = money;
            }
            else
            {
                // A worker on the roster is owed something (WorkerClaim): a zero passed here would fail the import instead.
                errors.Add("roster.amount-missing");
            }
        }
        else
        {
            errors.Add(moneyError!);
        }

        return new RosterRow(line.Number, name, idText, phone, amountText, id, amount, errors);
    }

    /// <summary>Under a "（万元）" header a bare figure counts tens of thousands; one with its own unit keeps it.</summary>
    private static string WithUnit(string amount, RosterHeader header) =>
        header.AmountInWan && char.IsDigit(amount[^1]) ? amount + "万" : amount;

    private static bool IsPhoneNumber(string phone)
    {
        var digits = string.Concat(phone.Where(c => !char.IsWhiteSpace(c) && c != '-'));
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }

        return digits.Length is >= 7 and <= 15 && digits.All(char.IsAsciiDigit);
    }

    private static bool IsNumber(object? cell) => cell is double or float or decimal or int or long;

    /// <summary>A cell as text. Numbers below 10^15 are written in full, as Excel shows them (an amount, a phone).</summary>
    private static string Text(object? cell) => cell switch
    {
        null => string.Empty,
        string s => s,
        double d when double.IsFinite(d) && Math.Abs(d) < 1e15 => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static async Task<byte[]?> ReadAtMostAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
