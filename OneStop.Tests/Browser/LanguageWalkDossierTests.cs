using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// The dossier workspace speaks one language at a time: /dossiers/{code} of a dossier officer1 is handling, then its
/// refuse dialog opened and confirmed empty, so the refusal's rule shows beside its field. Nothing is changed: the
/// empty reason is refused before the workflow is asked.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class LanguageWalkDossierTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Regex Foreign(string language) => language == "en" ? LanguageWalk.VietnameseLetter() : LanguageWalk.EnglishWord();

    /// <summary>A dossier in progress with officer1, so the page offers officer1 the refusal.</summary>
    private async Task<string> OfficersDossierAsync()
    {
        await using var db = fixture.App.CreateDb();
        var officer = await db.Staff.SingleAsync(s => s.UserName == "officer1");
        return await db.Dossiers.Where(d => d.CurrentHandlerId == officer.Id && d.Status == DossierStatus.InProgress)
            .OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
    }

    private static async Task<IEnumerable<string>> ForeignHereAsync(IPage page, string where, string language) =>
        (await LanguageWalk.VisibleTextsAsync(page)).Where(t => Foreign(language).IsMatch(t)).Select(t => $"{where}: «{t}»");

    /// <summary>Opens the refuse dialog and confirms it empty; returns the rule shown beside the reason.</summary>
    private static async Task<string> RefuseEmptyAsync(IPage page)
    {
        await page.GetByTestId("action-refuse").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("dialog-confirm").ClickAsync();
        var error = page.GetByTestId("error-Reason");
        await Assertions.Expect(error).ToBeVisibleAsync();
        return (await error.TextContentAsync() ?? "").Trim();
    }

    [Theory]
    [InlineData("en", "Reason for refusal: required.")]
    [InlineData("vi", "Lý do từ chối: bắt buộc.")]
    public async Task The_dossier_page_and_its_refused_action_show_no_chrome_in_the_other_language(string language, string rule)
    {
        var code = await OfficersDossierAsync();
        var path = $"/dossiers/{code}";
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, "officer1", "/my");
        if (language == "en") await page.GotoAsync("/culture/en?redirect=/my");

        var found = await LanguageWalk.FindForeignAsync(page, [path], language, Foreign(language));
        Assert.Equal(rule, await RefuseEmptyAsync(page));
        found.AddRange(await ForeignHereAsync(page, path + " (refuse dialog, refused)", language));
        Assert.True(found.Count == 0, string.Join("\n", found));

        await page.GetByTestId("dialog-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("dossier-status")).ToHaveAttributeAsync("data-status", nameof(DossierStatus.InProgress));
    }

    [Fact]
    public async Task The_walk_sees_the_dossier_page_and_dialog_chrome()
    {
        // A walk that reads nothing would pass: the Vietnamese page and dialog are full of Vietnamese letters.
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, "officer1", "/my");
        await page.GotoAsync($"/dossiers/{await OfficersDossierAsync()}");
        await BrowserFixture.WaitLiveAsync(page);
        Assert.Contains(await LanguageWalk.VisibleTextsAsync(page), t => LanguageWalk.VietnameseLetter().IsMatch(t));
        await RefuseEmptyAsync(page);
        Assert.Contains(await LanguageWalk.VisibleTextsAsync(page), t => t == "Lý do từ chối: bắt buộc.");
    }
}
