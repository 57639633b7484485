namespace Disputes.Data;

/// <summary>
/// The last incident number used per town and year. Incremented in the same transaction that inserts the
/// incident, so a rolled-back insert gives its number back: no gaps, no duplicates.
/// </summary>
public sealed class IncidentNumberCounter
{
    public int TownId { get; set; }

    public int Year { get; set; }

    public int Last { get; set; }
}
