using MudBlazor.Services;

namespace Disputes.Web.Hosting;

public static class UserInterfaceHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesUserInterface(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
