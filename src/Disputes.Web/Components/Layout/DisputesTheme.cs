using MudBlazor;

namespace Disputes.Web.Components.Layout;

/// <summary>
/// The union's red, and a CJK-first font stack so Chinese renders in a real Chinese face on every device. The status
/// colours and the secondary text are darker than MudBlazor's: its defaults (error #f44336, warning #ff9800, success
/// #00c853, info #2196f3, secondary text at 54 % black) fall short of WCAG's 4.5:1 as small text, as white text on them
/// and on the grey background, and the overdue and escalation badges are exactly such small text. These keep 4.5:1 there
/// and under the snackbar's 95 % opacity.
/// </summary>
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
            Error = "#c62828",
            Warning = "#a74b08",
            Success = "#276e2b",
            Info = "#1565c0",
            TextSecondary = "rgba(0,0,0,0.6)",
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
