using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// The chrome speaks one language at a time. In English no Vietnamese letter is left outside data (names carry
/// translate="no", the language switcher its own lang); in Vietnamese no English UI word is left. Walks the screens
/// whose text is all in resources so far: the overview (anonymous and signed in, with the app bar and drawer),
/// the wall display, and my queue.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed partial class LanguageWalkTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Paths = ["/", "/wall", "/my"];

    [GeneratedRegex(@"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    private static partial Regex VietnameseLetter();

    [GeneratedRegex(@"\b(Overview|Loading|Updated|Received|Overdue|Department|Queues?|Sign (in|out)|Settings|Notifications|Close|Cancel|Search|Rows per page|today|month|left|Live|Connecting|Unassigned|days?|Dossier|Procedure|Status|Deadline|Hand over|Take|With you)\b")]
    private static partial Regex EnglishWord();

    /// <summary>Visible text nodes outside data and the script-driven banners.</summary>
    private const string VisibleChrome = @"() => {
        const out = [], w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (w.nextNode()) {
            const el = w.currentNode.parentElement, t = w.currentNode.textContent.trim();
            if (!t || !el || el.closest('[translate=no], body [lang], script, style, #blazor-error-ui, .connection-lost')) continue;
            const cs = getComputedStyle(el);
            if (cs.display === 'none' || cs.visibility === 'hidden' || el.getClientRects().length === 0) continue;
            out.push(t);
        }
        return out; }";

    private async Task<List<string>> WalkAsync(IPage page, string language, Regex foreign)
    {
        var found = new List<string>();
        foreach (var path in Paths)
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveClassAsync(new Regex("live"));
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            found.AddRange((await page.EvaluateAsync<string[]>(VisibleChrome)).Where(t => foreign.IsMatch(t)).Select(t => $"{path}: «{t}»"));
        }
        return found;
    }

    [Theory]
    [InlineData("director")]
    [InlineData("officer1")]   // has dossiers in /my
    public async Task In_English_no_Vietnamese_is_left_in_the_chrome(string user)
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, user, "/");
        await page.GotoAsync("/culture/en?redirect=/");
        var found = await WalkAsync(page, "en", VietnameseLetter());
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData("director")]
    [InlineData("officer1")]
    public async Task In_Vietnamese_no_English_is_left_in_the_chrome(string user)
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, user, "/");
        var found = await WalkAsync(page, "vi", EnglishWord());
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task The_check_sees_chrome_left_in_the_other_language()
    {
        // The walk would be worthless if it saw nothing: the Vietnamese overview is full of Vietnamese letters.
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveClassAsync(new Regex("live"));
        Assert.Contains(await page.EvaluateAsync<string[]>(VisibleChrome), t => VietnameseLetter().IsMatch(t));
    }
}
