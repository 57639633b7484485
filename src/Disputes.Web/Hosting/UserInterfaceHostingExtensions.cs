using Disputes.Web.Components;
using MudBlazor;
using MudBlazor.Services;

namespace Disputes.Web.Hosting;

public static class UserInterfaceHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesUserInterface(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
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
}
