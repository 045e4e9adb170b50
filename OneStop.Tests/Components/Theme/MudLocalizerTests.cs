using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OneStop.Web.Components.Theme;

namespace OneStop.Tests.Components.Theme;

/// <summary>MudBlazor's own strings follow the user's language: ours in Vietnamese, MudBlazor's English otherwise.</summary>
public sealed class MudLocalizerTests : BunitContext
{
    public MudLocalizerTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddOneStopMud();
    }

    private static void Culture(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new(name);

    [Fact]
    public void In_Vietnamese_MudBlazor_speaks_Vietnamese_with_its_arguments_filled_in()
    {
        Culture("vi-VN");
        var l = Services.GetRequiredService<MudLocalizer>();

        Assert.Equal("Số dòng mỗi trang:", l["MudDataGridPager_RowsPerPage"].Value);
        Assert.Equal("Tháng sau tháng 1", l["MudBaseDatePicker_NextMonth", "tháng 1"].Value);
        Assert.False(l["MudDialog_Close"].ResourceNotFound);
    }

    [Fact]
    public void In_English_MudBlazor_keeps_its_own_English_text()
    {
        Culture("en-US");
        Assert.True(Services.GetRequiredService<MudLocalizer>()["MudDialog_Close"].ResourceNotFound);

        var cut = Render<MudAlert>(p => p.Add(a => a.ShowCloseIcon, true).AddChildContent("x"));
        Assert.Equal("Close", cut.Find("button").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_rendered_component_uses_the_Vietnamese_text()
    {
        Culture("vi-VN");
        var cut = Render<MudAlert>(p => p.Add(a => a.ShowCloseIcon, true).AddChildContent("x"));
        Assert.Equal("Đóng", cut.Find("button").GetAttribute("aria-label"));
    }
}
