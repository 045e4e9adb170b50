using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Settings;

/// <summary>
/// In real Chromium on the demo center: the administrator changes a holiday on /settings and the calendar API follows
/// at once; and the content security policy lets Blazor Server and MudBlazor work (circuit live, dialogs, charts) with no
/// violation reported by the browser.
/// </summary>
public sealed class SettingsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private OneStopApp _app = null!;
    public Task InitializeAsync() { _app = new OneStopApp(demo: true); return Task.CompletedTask; }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string DuePath = "/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00&workingDays=3";
    private async Task<string> DueAsync() => (await _app.Http.GetFromJsonAsync<JsonElement>(DuePath)).GetProperty("due").GetString()!;

    /// <summary>Every console message in which Chromium reports a blocked resource or script (CSP), and page errors.</summary>
    private static List<string> WatchViolations(IPage page)
    {
        var seen = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy") || m.Text.Contains("Refused to")) lock (seen) seen.Add(m.Text); };
        page.PageError += (_, e) => { lock (seen) seen.Add("page error: " + e); };
        return seen;
    }

    [Fact]
    public async Task A_holiday_override_made_on_the_settings_page_moves_the_appointment_the_calendar_api_computes()
    {
        Assert.Equal("2026-11-26T10:00:00+07:00", await DueAsync());
        var page = await browser.SignedInPageAsync(_app.BaseAddress, "admin", "/settings");
        var violations = WatchViolations(page);
        await Assertions.Expect(page.GetByTestId("nav-settings")).ToHaveTextAsync("Cài đặt");
        await Assertions.Expect(page.GetByTestId("link-api-keys")).ToHaveAttributeAsync("href", "/settings/api-keys");
        await Assertions.Expect(page.GetByTestId("link-import")).ToHaveAttributeAsync("href", "/settings/import");
        await Assertions.Expect(page.GetByTestId("link-webhooks")).ToHaveAttributeAsync("href", "/settings/webhooks");
        await Assertions.Expect(page.GetByTestId("statutory-holidays")).ToContainTextAsync("02/09 Quốc khánh");

        // A Saturday cannot be made a day off: the field and the rule are named, nothing is saved.
        await page.Locator("#override-date").FillAsync("28/11/2026"); // the picker reads dd/MM/yyyy
        await page.Locator("#override-name").FillAsync("Nghỉ thêm");
        await page.GetByTestId("add-override").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-error")).ToHaveTextAsync("Ngày: 28/11/2026 đã là ngày nghỉ (Thứ Bảy); chỉ đặt nghỉ thêm vào ngày làm việc.");
        Assert.Equal("2026-11-26T10:00:00+07:00", await DueAsync());

        // Wednesday 25/11 off: three working days from Monday 10:00 end on Friday instead of Thursday.
        await page.Locator("#override-date").FillAsync("25/11/2026");
        await page.Locator("#override-working").SelectOptionAsync("false");
        await page.Locator("#override-name").FillAsync("Nghỉ thêm theo quyết định của tỉnh");
        await page.GetByTestId("add-override").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).ToBeVisibleAsync();
        var row = page.Locator("[data-testid=year-day][data-date='2026-11-25']");
        await Assertions.Expect(row).ToContainTextAsync("Nghỉ thêm (điều chỉnh)");
        await Assertions.Expect(row).ToContainTextAsync("Nghỉ thêm theo quyết định của tỉnh");
        Assert.Equal("2026-11-27T10:00:00+07:00", await DueAsync());
        await Assertions.Expect(page.GetByTestId("audit-subject").First).ToHaveTextAsync("Ngày 25/11/2026");

        // And back.
        await row.GetByTestId("remove-override").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Equal("2026-11-26T10:00:00+07:00", await DueAsync());
        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_content_security_policy_lets_the_live_pages_and_mudblazor_dialogs_work()
    {
        string code;
        await using (var db = _app.CreateDb())
            code = await db.Dossiers.Where(d => d.Department!.Code == "SNV" && d.Status == OneStop.Domain.Dossiers.DossierStatus.InProgress)
                .OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();

        var page = await browser.SignedInPageAsync(_app.BaseAddress, "leader1", "/my");
        var violations = WatchViolations(page);
        foreach (var path in new[] { "/", "/queues/SNV", $"/dossiers/{code}" })
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitLiveAsync(page);
        }
        // A MudBlazor dialog opens (its script and inline styles run under the policy).
        await page.Locator("[data-testid=actions] .mud-button-root").First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        // The printable's print button is the one inline handler; the policy allows it by hash.
        await page.GotoAsync($"/dossiers/{code}/receipt");
        await page.EvaluateAsync("window.print = () => document.body.setAttribute('data-printed', 'yes')");
        await page.GetByTestId("print-button").ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-printed", "yes");
        Assert.Empty(violations);

        // Control: any other inline handler is blocked, and the watcher above does see a violation.
        await page.EvaluateAsync("document.body.insertAdjacentHTML('beforeend', '<img src=\"data:,x\" onerror=\"document.body.setAttribute(\\'data-injected\\', \\'ran\\')\">')");
        await Assertions.Expect(page.Locator("body")).Not.ToHaveAttributeAsync("data-injected", "ran");
        for (var i = 0; i < 100 && violations.Count == 0; i++) await Task.Delay(100); // the console message arrives asynchronously
        Assert.Contains(violations, v => v.Contains("inline event handler") || v.Contains("Content Security Policy"));
        await page.Context.CloseAsync();
    }
}
