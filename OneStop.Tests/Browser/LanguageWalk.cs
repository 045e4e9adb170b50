using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// Reads the visible chrome of a page and picks out what is in the other language. Shared by the walk tests of each
/// feature (one file per feature, so the pages' owners add their paths without touching each other's lists).
/// Data (names, codes, procedure titles) carries translate="no" and is not read; neither are the language switcher
/// (its own lang) and the script-driven banners.
/// </summary>
public static partial class LanguageWalk
{
    [GeneratedRegex(@"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    public static partial Regex VietnameseLetter();

    /// <summary>English words a Vietnamese screen must not show; a feature's walk may add its own.</summary>
    [GeneratedRegex(@"\b(Overview|Loading|Updated|Received|Overdue|Department|Queues?|Sign (in|out)|Settings|Notifications|Close|Cancel|Search|Rows per page|today|month|left|Live|Connecting|Unassigned|days?|Dossier|Procedure|Status|Deadline|Hand over|Take|With you|Save|Submit|Delete|Edit|Add|Print|Report|Staff|Jobs?|Import|Export|Refuse|Apology|Return|Supplement|Name|Phone|Address|Hours?)\b")]
    public static partial Regex EnglishWord();

    /// <summary>Visible text nodes outside data and the script-driven banners.</summary>
    public const string VisibleChrome = @"() => {
        const out = [], w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (w.nextNode()) {
            const el = w.currentNode.parentElement, t = w.currentNode.textContent.trim();
            if (!t || !el || el.closest('[translate=no], body [lang], script, style, #blazor-error-ui, .connection-lost')) continue;
            const cs = getComputedStyle(el);
            if (cs.display === 'none' || cs.visibility === 'hidden' || el.getClientRects().length === 0) continue;
            out.push(t);
        }
        return out; }";

    /// <summary>
    /// Opens each path, waits until its circuit is live (interactive pages) and the html lang is
    /// <paramref name="language"/>, and returns "path: «text»" for every visible chrome text matching
    /// <paramref name="foreign"/>. Static pages (sign-in, denied) have no circuit: pass <paramref name="interactive"/> false.
    /// </summary>
    public static async Task<List<string>> FindForeignAsync(IPage page, IEnumerable<string> paths, string language,
        Regex foreign, bool interactive = true)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            if (interactive)
                await BrowserFixture.WaitLiveAsync(page);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            found.AddRange((await page.EvaluateAsync<string[]>(VisibleChrome)).Where(t => foreign.IsMatch(t)).Select(t => $"{path}: «{t}»"));
        }
        return found;
    }

    /// <summary>Visible chrome texts of the current page (for the check that the walk sees anything at all).</summary>
    public static Task<string[]> VisibleTextsAsync(IPage page) => page.EvaluateAsync<string[]>(VisibleChrome);
}
