using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// The chrome speaks one language at a time. In English no Vietnamese letter is left outside data (names carry
/// translate="no", the language switcher its own lang); in Vietnamese no English UI word is left. Walks the screens
/// of the dashboard: the overview (anonymous and signed in, with the app bar and drawer), the wall display, and my
/// queue. Each feature's own pages are walked by its own LanguageWalk*Tests file through <see cref="LanguageWalk"/>.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class LanguageWalkTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Paths = ["/", "/wall", "/my"];

    private static Task<List<string>> WalkAsync(IPage page, string language, Regex foreign) =>
        LanguageWalk.FindForeignAsync(page, Paths, language, foreign);

    [Theory]
    [InlineData("director")]
    [InlineData("officer1")]   // has dossiers in /my
    public async Task In_English_no_Vietnamese_is_left_in_the_chrome(string user)
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, user, "/");
        await page.GotoAsync("/culture/en?redirect=/");
        var found = await WalkAsync(page, "en", LanguageWalk.VietnameseLetter());
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData("director")]
    [InlineData("officer1")]
    public async Task In_Vietnamese_no_English_is_left_in_the_chrome(string user)
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, user, "/");
        var found = await WalkAsync(page, "vi", LanguageWalk.EnglishWord());
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task The_check_sees_chrome_left_in_the_other_language()
    {
        // The walk would be worthless if it saw nothing: the Vietnamese overview is full of Vietnamese letters.
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/");
        await BrowserFixture.WaitLiveAsync(page);
        Assert.Contains(await LanguageWalk.VisibleTextsAsync(page), t => LanguageWalk.VietnameseLetter().IsMatch(t));
    }
}
