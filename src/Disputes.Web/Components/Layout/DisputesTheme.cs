using MudBlazor;

namespace Disputes.Web.Components.Layout;

/// <summary>The union's red, and a CJK-first font stack so Chinese renders in a real Chinese face on every device.</summary>
public static class DisputesTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b71c1c",
            Secondary = "#1565c0",
            AppbarBackground = "#b71c1c",
            Background = "#f6f6f7",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
