using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// The management and administration screens speak one language at a time: the monthly report, staffing, jobs and
/// notifications as the director; every settings section (with the procedure, staff and password forms opened), the CSV
/// import and the API keys (with the revoke dialog open) as the administrator; and the static sign-in and denied pages.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class LanguageWalkAdminTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] DirectorPaths = ["/reports/monthly", "/staffing", "/jobs", "/notifications"];
    private static readonly string[] AdminPaths = ["/settings/import", "/settings/webhooks", "/jobs"];

    private async Task<IPage> PageAsync(string user, string language)
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, user, "/notifications");
        if (language == "en") await page.GotoAsync("/culture/en?redirect=/notifications");
        return page;
    }

    private static Regex Foreign(string language) => language == "en" ? LanguageWalk.VietnameseLetter() : LanguageWalk.EnglishWord();

    [Theory]
    [InlineData("en")]
    [InlineData("vi")]
    public async Task The_directors_screens_show_no_chrome_in_the_other_language(string language)
    {
        var page = await PageAsync("director", language);
        var found = await LanguageWalk.FindForeignAsync(page, DirectorPaths, language, Foreign(language));
        // The staffing page's absence form and planning panel (loaded once live) are part of the page too.
        await page.GotoAsync("/staffing");
        await BrowserFixture.WaitLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("planning")).ToBeVisibleAsync();
        await page.GetByTestId("absence-form").Locator("summary").ClickAsync();
        await page.GetByTestId("absence-save").ClickAsync(); // empty: each field's rule shows beside it
        await Assertions.Expect(page.GetByTestId("absence-form").Locator(".mud-input-error").First).ToBeVisibleAsync();
        found.AddRange(await ForeignHereAsync(page, "/staffing (forms)", language));
        // The hand-over planner once its history is read, with a refused staff count's rule showing.
        await page.GotoAsync("/planning/handover");
        await BrowserFixture.WaitLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("validation-row").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("handover-staff").FillAsync("0");
        await page.GetByTestId("handover-staff").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("handover-invalid")).ToBeVisibleAsync();
        found.AddRange(await ForeignHereAsync(page, "/planning/handover", language));
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("vi")]
    public async Task The_administrators_screens_show_no_chrome_in_the_other_language(string language)
    {
        var page = await PageAsync("admin", language);
        var found = await LanguageWalk.FindForeignAsync(page, AdminPaths, language, Foreign(language));

        // Settings: every section at once, then the forms that open on demand and a refused change's messages.
        found.AddRange(await LanguageWalk.FindForeignAsync(page, ["/settings"], language, Foreign(language)));
        await page.GetByTestId("procedure-department").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByTestId("new-procedure").ClickAsync();
        await Assertions.Expect(page.GetByTestId("procedure-form")).ToBeVisibleAsync();
        await page.GetByTestId("save-procedure").ClickAsync(); // no code, no name: refused with its reasons
        await Assertions.Expect(page.GetByTestId("settings-errors")).ToBeVisibleAsync();
        // Each broken rule also shows under its own field (the code field here).
        await Assertions.Expect(page.Locator("label:has(#procedure-code) [data-testid=settings-field-error]")).ToBeVisibleAsync();
        await page.GetByTestId("staff-row").First.GetByRole(AriaRole.Button).Nth(2).ClickAsync(); // reset password
        await Assertions.Expect(page.Locator("#reset-password")).ToBeVisibleAsync();
        found.AddRange(await ForeignHereAsync(page, "/settings (forms)", language));

        // API keys: the page, a refused key (no name, no permission), and the revoke dialog.
        found.AddRange(await LanguageWalk.FindForeignAsync(page, ["/settings/api-keys"], language, Foreign(language)));
        await page.GetByTestId("apikey-read").UncheckAsync();
        await page.GetByTestId("apikey-write").UncheckAsync();
        await page.GetByTestId("apikey-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("apikey-scopes-error")).ToBeVisibleAsync();
        found.AddRange(await ForeignHereAsync(page, "/settings/api-keys (refused)", language));
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("vi")]
    public async Task Sign_in_and_denied_speak_the_chosen_language_without_a_circuit(string language)
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        if (language == "en") await page.GotoAsync("/culture/en?redirect=/signin");
        var found = await LanguageWalk.FindForeignAsync(page, ["/signin", "/denied"], language, Foreign(language), interactive: false);
        // A sign-in refused for empty fields names each of them.
        await page.GotoAsync("/signin");
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".validation-message").First).ToBeVisibleAsync();
        found.AddRange(await ForeignHereAsync(page, "/signin (refused)", language));
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task In_English_a_refused_holiday_names_the_field_and_rule_in_English_under_a_dd_MM_yyyy_picker()
    {
        var page = await PageAsync("admin", "en");
        await page.GotoAsync("/settings");
        await BrowserFixture.WaitLiveAsync(page);
        // Typed as dd/MM/yyyy in English too (not the browser's mm/dd/yyyy): 28 November 2026, a Saturday.
        await page.Locator("#override-date").FillAsync("28/11/2026");
        await page.Locator("#override-name").FillAsync("Extra day off");
        await page.GetByTestId("add-override").ClickAsync();
        const string rule = "28/11/2026 is already a day off (Saturday); an extra day off can only replace a working day.";
        await Assertions.Expect(page.GetByTestId("settings-error")).ToHaveTextAsync("Date: " + rule);
        await Assertions.Expect(page.Locator("#holidays .mud-input-helper-text.mud-input-error")).ToContainTextAsync(rule);
        Assert.Equal("28/11/2026", await page.Locator("#override-date").InputValueAsync());
    }

    [Fact]
    public async Task The_walk_sees_the_settings_chrome()
    {
        // A walk that reads nothing would pass: the Vietnamese settings page is full of Vietnamese letters.
        var page = await PageAsync("admin", "vi");
        await page.GotoAsync("/settings");
        await BrowserFixture.WaitLiveAsync(page);
        Assert.Contains(await LanguageWalk.VisibleTextsAsync(page), t => LanguageWalk.VietnameseLetter().IsMatch(t));
    }

    private static async Task<IEnumerable<string>> ForeignHereAsync(IPage page, string where, string language) =>
        (await LanguageWalk.VisibleTextsAsync(page)).Where(t => Foreign(language).IsMatch(t)).Select(t => $"{where}: «{t}»");
}
