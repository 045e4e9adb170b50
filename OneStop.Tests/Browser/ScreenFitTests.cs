using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// Screens that fit (issue 15): at 390 px no page scrolls sideways and the navigation is a menu; at 1366×768 the
/// overview's headers and department names are whole; the wall display fits every department at 1920×1080.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class ScreenFitTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private async Task<string> DossierCodeAsync()
    {
        await using var db = fixture.App.CreateDb();
        return await db.Dossiers.Where(d => d.Department!.Code == "SNV").OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
    }

    private static Task<int> PageWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>The outermost elements that reach past the right edge, to say what widened the page.</summary>
    private static Task<string> WideElementsAsync(IPage page) => page.EvaluateAsync<string>(@"() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > innerWidth + 1))
        .slice(0, 5).map(e => { let out = [], p = e; while (p && p !== document.body) { out.push(p.tagName + '.' + (p.className.baseVal ?? p.className) + '[' + getComputedStyle(p).overflowX + ' ' + Math.round(p.getBoundingClientRect().right) + ']'); p = p.parentElement; } return out.join(' < '); }).join(' || ')");

    [Theory]
    [InlineData("director", "/", "/queues/SNV", "/my", "/staffing", "/reports/monthly", "/notifications", "/staff", "/jobs")]
    [InlineData("postal1", "/intake", "/my")]
    [InlineData("admin", "/settings", "/settings/api-keys", "/settings/import", "/settings/webhooks")]
    public async Task At_390_px_no_page_scrolls_sideways(string user, params string[] paths)
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, user, paths[0], viewport: Phone);
        foreach (var path in user == "admin" ? paths : paths.Append($"/dossiers/{await DossierCodeAsync()}"))
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitLiveAsync(page);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            var width = await PageWidthAsync(page);
            Assert.True(width <= Phone.Width, $"{path} is {width} px wide at {Phone.Width} px: {await WideElementsAsync(page)}");
        }
    }

    [Fact]
    public async Task On_a_phone_the_navigation_is_a_menu_behind_the_button()
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, "director", "/", viewport: Phone);
        var monthly = page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo tháng" });
        await Assertions.Expect(monthly).ToBeHiddenAsync();
        await page.GetByTestId("nav-toggle").ClickAsync();
        await Assertions.Expect(monthly).ToBeVisibleAsync();
        await monthly.ClickAsync();
        await page.WaitForURLAsync(new Regex("/reports/monthly"));
        Assert.True(await PageWidthAsync(page) <= Phone.Width);
    }

    [Fact]
    public async Task At_1366_by_768_the_overview_headers_and_department_names_are_whole()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress, new ViewportSize { Width = 1366, Height = 768 });
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("department-name")).ToHaveCountAsync(17);
        // Cut text ("Tiếp n…") is wider inside than its box: every header and name must show all of itself.
        var cut = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll(
            '[data-testid=department-table] th, [data-testid=department-table] th button, [data-testid=department-name]')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.offsetWidth)
            .map(e => e.textContent.trim())");
        Assert.Empty(cut);
        Assert.True(await PageWidthAsync(page) <= 1366);
    }

    [Fact]
    public async Task The_wall_display_fits_every_department_in_large_type_without_chrome_and_stays_live()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress, new ViewportSize { Width = 1920, Height = 1080 });
        await page.GotoAsync("/?wall=1");
        await page.WaitForURLAsync(new Regex("/wall$"));
        await BrowserFixture.WaitLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("wall-row")).ToHaveCountAsync(17);
        await Assertions.Expect(page.Locator(".mud-appbar, .mud-drawer")).ToHaveCountAsync(0);

        var measured = await page.EvaluateAsync<double[]>(@"() => {
            const rows = [...document.querySelectorAll('[data-testid=wall-row]')];
            return [Math.max(...rows.map(r => r.getBoundingClientRect().bottom)), parseFloat(getComputedStyle(rows[0]).fontSize)]; }");
        var (lowest, fontPx) = (measured[0], measured[1]);
        Assert.True(lowest <= 1080, $"the last department ends at {lowest} px, below the 1080 px screen");
        Assert.True(fontPx >= 24, $"department rows are {fontPx} px: too small for three metres");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight") <= 1080, "the wall scrolls");
    }
}
