using Microsoft.AspNetCore.Components;

namespace Disputes.Web.Features.Incidents.Log;

/// <summary>
/// A part of the log form. It changes the shared <see cref="LogForm"/> and says so through <see cref="Changed"/>,
/// so the page saves the draft and renders again: one section's change shows in the others (the suggested grade).
/// </summary>
public abstract class LogSection : ComponentBase
{
    [Parameter, EditorRequired]
    public LogForm Form { get; set; } = default!;

    [Parameter]
    public EventCallback Changed { get; set; }

    protected Task SetAsync(Action<IncidentDraft> change)
    {
        change(Form.Draft);
        return Changed.InvokeAsync();
    }
}
