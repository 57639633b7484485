namespace Disputes.Domain.Reports;

/// <summary>What was exported. The names are stored: never rename one.</summary>
public enum ExportKind
{
    /// <summary>案件清单: the case board's filtered list.</summary>
    CaseList,

    /// <summary>职工名册: an incident's roster.</summary>
    Roster,

    /// <summary>追回台账: an incident's recovery ledger.</summary>
    Ledger,

    /// <summary>响应时间: per town, time to arrive and to report upward.</summary>
    ResponseTimes,

    /// <summary>工作简报 as a Word file.</summary>
    Bulletin,

    /// <summary>垫付名册: the workers still owed, with whole ID numbers, for a wage-guarantee-fund advance.</summary>
    AdvanceRoster,
}

public enum ExportFormat
{
    Xlsx,
    Csv,
    Docx,
}

/// <summary>
/// One line of the export log: who took which data out of the system, when, in what scope, how many rows. Kept until
/// the audit trail records exports itself (GB/T 35273-2020: every export of personal data is audited).
/// </summary>
public sealed class ExportRecord
{
    public const int ScopeMaxLength = 500;
    public const int FileNameMaxLength = 200;

    private ExportRecord()
    {
    }

    public ExportRecord(string userId, string userName, ExportKind kind, ExportFormat format, string scope, int rows, string fileName, DateTime atUtc)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        UserName = userName;
        Kind = kind;
        Format = format;
        Scope = scope.Length > ScopeMaxLength ? scope[..ScopeMaxLength] : scope;
        Rows = rows;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        AtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    public string UserName { get; private set; } = string.Empty;

    public ExportKind Kind { get; private set; }

    public ExportFormat Format { get; private set; }

    /// <summary>What was asked for: the board's filter, an incident's number, a period.</summary>
    public string Scope { get; private set; } = string.Empty;

    /// <summary>Data rows in the file (headers not counted); paragraphs for a bulletin.</summary>
    public int Rows { get; private set; }

    public string FileName { get; private set; } = string.Empty;
}
