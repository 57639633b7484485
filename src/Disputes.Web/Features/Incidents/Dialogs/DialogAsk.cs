using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Disputes.Web.Features.Incidents.Dialogs;

/// <summary>
/// Opens a form as a dialog and gives back what it returned, or nothing when it was cancelled.
/// </summary>
/// <remarks>
/// Each form with a text field declares <c>&lt;MudDialog DefaultFocus="DefaultFocus.None"&gt;</c> (MudBlazor reads it there or
/// from the provider, never from these options): the dialog's own first focus is sent by the server after its first render,
/// so over a slow link it lands after the person has tapped a field and begun to type, and takes the keys that follow.
/// A lone text field still takes the focus itself.
/// </remarks>
public static class DialogAsk
{
    public static async Task<TResult?> AskAsync<TDialog, TResult>(this IDialogService dialogs, string title, DialogParameters? parameters = null)
        where TDialog : IComponent
    {
        var options = new DialogOptions { FullWidth = true, MaxWidth = MaxWidth.Small, CloseButton = true };
        var dialog = await dialogs.ShowAsync<TDialog>(title, parameters ?? [], options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TResult data } ? data : default;
    }

    /// <summary>The same for a dialog that gives back a value (a time): null when cancelled, never the default value.</summary>
    public static async Task<TResult?> AskValueAsync<TDialog, TResult>(this IDialogService dialogs, string title, DialogParameters? parameters = null)
        where TDialog : IComponent where TResult : struct
    {
        var options = new DialogOptions { FullWidth = true, MaxWidth = MaxWidth.Small, CloseButton = true };
        var dialog = await dialogs.ShowAsync<TDialog>(title, parameters ?? [], options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TResult data } ? data : null;
    }

    public static Task<string?> AskTextAsync(this IDialogService dialogs, string title, string? hint, bool required = true, int maxLength = Domain.Incidents.Incident.TextMaxLength) =>
        dialogs.AskAsync<TextDialog, string>(title,
            new DialogParameters<TextDialog> { { d => d.Label, title }, { d => d.Hint, hint }, { d => d.Required, required }, { d => d.MaxLength, maxLength } });
}
