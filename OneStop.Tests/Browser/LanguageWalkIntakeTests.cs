using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// The counter intake speaks one language at a time: /intake as postal1, then a procedure picked (its facts and papers
/// checklist shown) and the form saved empty, so each field's rule shows beside it. Nothing is saved: the empty form is
/// refused by the intake rules before the workflow is asked.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class LanguageWalkIntakeTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Regex Foreign(string language) => language == "en" ? LanguageWalk.VietnameseLetter() : LanguageWalk.EnglishWord();

    private static async Task<IEnumerable<string>> ForeignHereAsync(IPage page, string where, string language) =>
        (await LanguageWalk.VisibleTextsAsync(page)).Where(t => Foreign(language).IsMatch(t)).Select(t => $"{where}: «{t}»");

    /// <summary>Picks the catalogue's first procedure, saves the form with no applicant, returns the name field's rule.</summary>
    private static async Task<string> RefuseEmptyAsync(IPage page)
    {
        await page.GetByTestId("procedure-option").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("procedure-info")).ToBeVisibleAsync();
        await page.GetByTestId("save-button").ClickAsync();
        var error = page.GetByTestId("error-ApplicantName");
        await Assertions.Expect(error).ToBeVisibleAsync();
        return (await error.TextContentAsync() ?? "").Trim();
    }

    [Theory]
    [InlineData("en", "Applicant's full name: required.")]
    [InlineData("vi", "Họ tên người nộp: bắt buộc.")]
    public async Task The_intake_page_and_its_refused_form_show_no_chrome_in_the_other_language(string language, string rule)
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, "postal1", "/my");
        if (language == "en") await page.GotoAsync("/culture/en?redirect=/my");

        var found = await LanguageWalk.FindForeignAsync(page, ["/intake"], language, Foreign(language));
        Assert.Equal(rule, await RefuseEmptyAsync(page));
        found.AddRange(await ForeignHereAsync(page, "/intake (procedure picked, saved empty)", language));
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.EndsWith("/intake", page.Url); // refused: still on the form, no receipt
    }

    [Fact]
    public async Task The_walk_sees_the_intake_chrome()
    {
        // A walk that reads nothing would pass: the Vietnamese counter is full of Vietnamese letters.
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, "postal1", "/intake");
        await BrowserFixture.WaitLiveAsync(page);
        await RefuseEmptyAsync(page);
        Assert.Contains(await LanguageWalk.VisibleTextsAsync(page), t => t == "Họ tên người nộp: bắt buộc.");
        Assert.Contains(await LanguageWalk.VisibleTextsAsync(page), t => t.StartsWith("Giấy tờ phải nộp", StringComparison.Ordinal));
    }
}
