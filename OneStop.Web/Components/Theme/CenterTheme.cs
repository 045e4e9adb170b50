using MudBlazor;

namespace OneStop.Web.Components.Theme;

/// <summary>
/// The center's one theme: a deep administrative blue, status colours that keep 4.5:1 contrast on white (the tiles,
/// risk badges and count colours in app.css use the same values), and a type scale whose buttons keep their case.
/// </summary>
public static class CenterTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0d47a1",
            Secondary = "#ad1457",
            Info = "#01579b",
            Success = "#1b5e20",
            Warning = "#8a4b00",
            Error = "#b71c1c",
            AppbarBackground = "#0d47a1",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.87)",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "system-ui", "sans-serif"] },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "15rem", AppbarHeight = "56px" },
    };

    /// <summary>Intake channels in every chart: at the counter, online, by post.</summary>
    public static readonly string[] ChannelColours = ["#0d47a1", "#2e7d32", "#ef6c00"];

    /// <summary>Outcomes in every chart: early, on time, late.</summary>
    public static readonly string[] OutcomeColours = ["#2e7d32", "#0277bd", "#c62828"];
}
