namespace Disputes.Web.Features.Incidents.Offline;

/// <summary>
/// A button whose tap the browser keeps while the connection is down (<c>OfflineTaps.razor.js</c>): what it does, on
/// which incident, and the submission id that the server-side save of the same button sends too, so that whichever
/// of the two arrives second changes nothing.
/// </summary>
public sealed record OfflineTap(string Kind, string Number, Guid SubmissionId)
{
    public const string Arrival = "arrival";
    public const string Note = "note";

    /// <summary>For a button that is not kept offline.</summary>
    public static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>();

    /// <summary>What the browser reads from the button.</summary>
    public IReadOnlyDictionary<string, object> Attributes => new Dictionary<string, object>
    {
        ["data-offline-tap"] = Kind,
        ["data-number"] = Number,
        ["data-submission-id"] = SubmissionId.ToString(),
    };
}
