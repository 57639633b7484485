using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Disputes.Web.Features.Incidents.Log;

/// <summary>The server's side of the draft kept in the browser's storage by <c>LogIncident.razor.js</c>.</summary>
public sealed class DraftStore(IJSObjectReference module, string key) : IAsyncDisposable
{
    private Dictionary<string, string?> _saved = [];

    public static async Task<DraftStore> OpenAsync(IJSRuntime js, string key) =>
        new(await js.InvokeAsync<IJSObjectReference>("import", "./Features/Incidents/LogIncident.razor.js"), key);

    /// <summary>From now on the browser saves each keystroke into a <c>data-draft</c> field itself.</summary>
    public ValueTask WatchAsync(ElementReference form) => module.InvokeVoidAsync("watch", form, key);

    public async Task<Dictionary<string, string?>?> LoadAsync()
    {
        var saved = await module.InvokeAsync<string?>("load", key);
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
        return module.InvokeVoidAsync("save", key, new Dictionary<string, string?> { [nameof(IncidentDraft.SubmissionId)] = draft.SubmissionId });
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
            await module.InvokeVoidAsync("save", key, changed);
            _saved = fields;
        }
    }

    public ValueTask ClearAsync() => module.InvokeVoidAsync("clear", key);

    /// <summary>Drops the saved draft and starts a fresh one, written in full.</summary>
    public async Task RestartAsync(IncidentDraft draft)
    {
        await ClearAsync();
        _saved = [];
        await SaveAsync(draft);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; the browser cleans up the module itself.
        }
    }
}
