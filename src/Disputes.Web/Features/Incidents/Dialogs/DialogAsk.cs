using Microsoft.AspNetCore.Components;
using Disputes.Web.Features.Incidents.Offline;
using MudBlazor;

namespace Disputes.Web.Features.Incidents.Dialogs;

/// <summary>
/// Opens a form as a dialog and gives back what it returned, or nothing when it was cancelled.
/// </summary>
/// <remarks>
/// Dialogs never take the focus when they open (<c>MudDialogProvider DefaultFocus</c> in MainLayout): over a slow link that
/// focus lands after the person has tapped a field and begun to type, and takes the keys that follow. A lone text field
/// still focuses itself.
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

    /// <param name="tap">For a text whose 确定 the browser keeps while the connection is down (a progress note).</param>
    public static Task<string?> AskTextAsync(this IDialogService dialogs, string title, string? hint, bool required = true,
        int maxLength = Domain.Incidents.Incident.TextMaxLength, OfflineTap? tap = null) =>
        dialogs.AskAsync<TextDialog, string>(title, new DialogParameters<TextDialog>
        {
            { d => d.Label, title }, { d => d.Hint, hint }, { d => d.Required, required }, { d => d.MaxLength, maxLength }, { d => d.Tap, tap },
        });
}
