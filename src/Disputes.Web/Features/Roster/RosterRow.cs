using Disputes.Domain;
using Disputes.Domain.Workers;

namespace Disputes.Web.Features.Roster;

/// <summary>
/// One worker as read from an uploaded roster: the texts as found (for the officer to recognise the line)
/// and what could be made of them. <see cref="Line"/> is the line or row number in the file, as the
/// officer sees it in Excel.
/// </summary>
/// <param name="Errors">Error codes, localised as <c>Roster.Error.&lt;code&gt;</c>; empty when the row can be imported.</param>
public sealed record RosterRow(
    int Line,
    string Name,
    string IdNumberText,
    string PhoneText,
    string AmountText,
    ResidentIdNumber? IdNumber,
    Money? AmountOwed,
    IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
