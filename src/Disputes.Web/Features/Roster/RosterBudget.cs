namespace Disputes.Web.Features.Roster;

/// <summary>
/// What reading one roster file may cost, whatever the file claims about itself. A crafted workbook can declare a row
/// numbered in the millions, a range 16,384 columns wide or a table of shared strings that unpacks to hundreds of
/// megabytes from a few kilobytes; each limit here is far beyond a real roster of <see cref="RosterParser.MaxRows"/>
/// workers and far below what such a file asks for. Checked as the file is read, so reading stops at the first one passed.
/// </summary>
internal sealed class RosterBudget
{
    /// <summary>Lines (Excel rows), empty ones included: a roster's own rows, a title, a header and the blank rows a template leaves.</summary>
    public const int MaxLines = 4 * RosterParser.MaxRows;

    /// <summary>Columns read; cells further right are passed over unread (a roster needs four).</summary>
    public const int MaxColumns = 64;

    /// <summary>Cells in the sheet, those passed over included (5,000 rows of 50 columns).</summary>
    public const int MaxCells = 250_000;

    /// <summary>Characters of text in the shared-strings table, and entries in it.</summary>
    public const int MaxSharedChars = 4_000_000;

    public const int MaxSharedStrings = 200_000;

    /// <summary>Characters in any one part of a workbook (the sheet's XML, the strings' XML), as the OpenXml SDK counts them.</summary>
    public const long MaxPartCharacters = 64L * 1024 * 1024;

    /// <summary>Bytes the reading may allocate, counted on its own thread: a real roster takes a few tens of megabytes.</summary>
    public const long MaxAllocatedBytes = 512L * 1024 * 1024;

    /// <summary>How long reading may take before the file is refused.</summary>
    public static readonly TimeSpan Time = TimeSpan.FromSeconds(5);

    private readonly long _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    private readonly CancellationToken _cancellationToken;

    /// <param name="cancellationToken">Cancelled when the time is up (or the upload abandoned).</param>
    public RosterBudget(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    /// <summary>Throws when the time or the memory is spent; called every row and every few hundred cells.</summary>
    public void Check()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > MaxAllocatedBytes)
        {
            throw new RosterFileException("roster.file-too-complex");
        }
    }

    public static void CheckLine(int number)
    {
        if (number > MaxLines)
        {
            throw new RosterFileException("roster.too-many-lines");
        }
    }
}

/// <summary>The file as a whole cannot be read; <see cref="Code"/> is the message key (<c>Roster.Error.&lt;code&gt;</c>).</summary>
internal sealed class RosterFileException(string code) : Exception(code)
{
    public string Code { get; } = code;
}
