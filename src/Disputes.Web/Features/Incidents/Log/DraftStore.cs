using System.Text.Json;
using Microsoft.JSInterop;

namespace Disputes.Web.Features.Incidents.Log;

/// <summary>The server's side of the draft kept in the browser's storage by <c>wwwroot/app.js</c>.</summary>
public sealed class DraftStore(IJSRuntime js, string key)
{
    /// <summary>The key of a user's incident draft: one a user, so a shared phone never shows one officer's draft to another.</summary>
    public static string IncidentKey(string userId) => $"incident.{userId}";

    private Dictionary<string, string?> _saved = [];

    /// <summary>What the form's <c>data-draft-key</c> names: the browser saves each keystroke under it by itself.</summary>
    public string Key => key;

    /// <summary>The draft the browser holds. One round trip, which the page can make before its first render.</summary>
    public async Task<Dictionary<string, string?>?> StartAsync()
    {
        var saved = await js.InvokeAsync<string?>("disputesDraft.start", key);
        try
        {
            return string.IsNullOrEmpty(saved) ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(saved);
        }
        catch (JsonException)
        {
            // A damaged draft is dropped rather than blocking the form.
            return null;
        }
    }

    /// <summary>Takes the draft as the server now has it; only the submission id is written, the browser keeps the text.</summary>
    public ValueTask BeginAsync(IncidentDraft draft)
    {
        _saved = draft.ToFields();
        return js.InvokeVoidAsync("disputesDraft.save", key, new Dictionary<string, string?> { [nameof(IncidentDraft.SubmissionId)] = draft.SubmissionId });
    }

    /// <summary>
    /// Sends only what changed on the server: the browser may hold newer text than the server has heard
    /// (typed while the connection was down), and a full write would overwrite it.
    /// </summary>
    public async Task SaveAsync(IncidentDraft draft)
    {
        var fields = draft.ToFields();
        var changed = fields.Where(f => !_saved.TryGetValue(f.Key, out var old) || old != f.Value).ToDictionary();
        if (changed.Count > 0)
        {
            await js.InvokeVoidAsync("disputesDraft.save", key, changed);
            _saved = fields;
        }
    }

    public ValueTask ClearAsync() => js.InvokeVoidAsync("disputesDraft.clear", key);

    /// <summary>Drops the saved draft and starts a fresh one, written in full.</summary>
    public async Task RestartAsync(IncidentDraft draft)
    {
        await ClearAsync();
        _saved = [];
        await SaveAsync(draft);
    }
}
