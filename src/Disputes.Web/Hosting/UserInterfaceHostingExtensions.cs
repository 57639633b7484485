using Disputes.Web.Components;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using MudBlazor;
using MudBlazor.Services;

namespace Disputes.Web.Hosting;

public static class UserInterfaceHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesUserInterface(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(ConfigureCircuits)
            .AddHubOptions(ConfigureCircuitHub);
        builder.Services.AddMudServices(options =>
        {
            // On a phone a toast at the top covers the incident number, the grade and the action buttons, and swallows
            // the tap meant for them. At the bottom it covers only the middle of a card; it goes by itself soon and
            // lets taps through except on itself (app.css).
            var snackbars = options.SnackbarConfiguration;
            snackbars.PositionClass = Defaults.Classes.Position.BottomCenter;
            snackbars.VisibleStateDuration = 3000;
            snackbars.ShowTransitionDuration = 200;
            snackbars.HideTransitionDuration = 200;
            snackbars.MaxDisplayedSnackbars = 3;
        });
        builder.Services.AddTransient<MudLocalizer, ResxMudLocalizer>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The circuits: what a phone that loses its signal gets back, and what one user may hold on the server.</summary>
    private static void ConfigureCircuits(CircuitOptions circuits)
    {
        // A phone in a factory yard drops its connection often. Its circuit is kept three minutes (the framework's
        // default) to resume where it was; past that the page reloads, and nothing typed is lost (drafts and offline
        // taps live in the browser), so longer would only hold memory for circuits nobody returns to.
        circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        // About 200 people sign in (11 towns, the departments, the federation); each may have one dropped circuit kept.
        // Past that the oldest goes first; a circuit holds tens to hundreds of KB, so this caps it near 100 MB.
        circuits.DisconnectedCircuitMaxRetained = 200;
        // A JS call (a draft read, a focus) that has not answered in a minute is not coming back on any link.
        circuits.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
        // Renders the browser has not acknowledged before the server stops rendering for it: a slow link waits
        // instead of the server piling up batches for it (the framework's default).
        circuits.MaxBufferedUnacknowledgedRenderBatches = 10;
    }

    /// <summary>The circuits' SignalR hub (<c>/_blazor</c>), which carries every click, key and JS answer.</summary>
    private static void ConfigureCircuitHub(HubOptions hub)
    {
        // The largest message a browser sends is a text field's whole value on change or a draft read back: 4,000
        // characters of Chinese are 12 KB of UTF-8, the draft read back as a JSON string a little more. The
        // framework's 32 KB leaves too little room, and a message past the limit closes the circuit. InputFile's
        // photo and roster uploads arrive in chunks well below either.
        hub.MaximumReceiveMessageSize = 64 * 1024;
        Realtime.RealtimeHostingExtensions.ApplyConnectionLimits(hub);
    }
}
