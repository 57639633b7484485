using Disputes.Domain;

namespace Disputes.Web.Features.Roster;

/// <summary>The columns a roster has; all but <see cref="Phone"/> must be present in its header.</summary>
public enum RosterColumn
{
    Name,
    IdNumber,
    Phone,
    AmountOwed,
}

/// <summary>What was found in an uploaded roster, before anything is saved.</summary>
/// <param name="FileError">
/// Why the file as a whole could not be read (then <paramref name="Rows"/> is empty), localised as
/// <c>Roster.Error.&lt;code&gt;</c>; null when it was read.
/// </param>
/// <param name="MissingColumns">With <c>roster.header-missing</c>, the columns no header named.</param>
public sealed record RosterReport(IReadOnlyList<RosterRow> Rows, string? FileError, IReadOnlyList<RosterColumn> MissingColumns)
{
    public RosterReport(IReadOnlyList<RosterRow> rows)
        : this(rows, null, [])
    {
    }

    public IReadOnlyList<RosterRow> ValidRows => [.. Rows.Where(r => r.IsValid)];

    public int ValidCount => Rows.Count(r => r.IsValid);

    public int InvalidCount => Rows.Count - ValidCount;

    public Money TotalOwed => Rows.Where(r => r.IsValid).Aggregate(Money.Zero, (total, row) => total + row.AmountOwed!.Value);

    public static RosterReport Failed(string code, IReadOnlyList<RosterColumn>? missingColumns = null) => new([], code, missingColumns ?? []);
}
