namespace Disputes.Data;

/// <summary>
/// A command that carried a submission id and was applied, stored in the same transaction as its change. The same id
/// arriving again (a tap kept while offline and sent on every reconnect, or the dialog it came from saved after all)
/// finds its receipt and changes nothing: the command happens exactly once.
/// </summary>
public sealed class CommandReceipt
{
    public Guid SubmissionId { get; set; }

    public int IncidentId { get; set; }

    public DateTime AtUtc { get; set; }
}
