using Disputes.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Disputes.Web.Components;

/// <summary>
/// MudBlazor's built-in texts (pager buttons, close and clear buttons, "Required") from the app's own resources, under
/// MudBlazor's key names, so a Chinese screen reader hears 下一页 rather than "Next page". MudBlazor asks this only
/// outside English; a key the resources lack comes back not found and MudBlazor falls back to its English.
/// </summary>
public sealed class ResxMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
