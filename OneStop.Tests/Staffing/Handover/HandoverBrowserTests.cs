using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Staffing.Handover;

/// <summary>
/// /planning/handover in real Chromium on the shared seeded demo app (no app of its own): the director reaches it from
/// the menu, sees the validation for the pilot's eleven departments, gets the rule's message for a bad staff count,
/// ticks a department from the keyboard, and asks for a suggestion that lands in the comparison. The postal staff's
/// menu has no link to it.
/// </summary>
/// <remarks>SQLite only: the page is the same on either provider, and the PostgreSQL pass already runs the planner's
/// queries (HandoverPlanQueryTests, HandoverDemoTests); CI time is near its budget.</remarks>
[Collection(SeededAppCollection.Name)]
[Trait("Providers", "SqliteOnly")]
public sealed class HandoverBrowserTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveCountOptions Loaded = new() { Timeout = 20_000 };

    /// <summary>With ONESTOP_SCREENSHOTS set to a folder, saves the page there (how the README's picture is made).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ONESTOP_SCREENSHOTS") is not { Length: > 0 } folder) return;
        await page.SetViewportSizeAsync(1280, 900);
        // The plan and the comparison: what the director decides on.
        await page.GetByTestId("handover-plan").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = false });
    }

    [Fact]
    public async Task The_director_plans_a_hand_over_from_the_keyboard_and_compares_the_suggestion()
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, "director", "/");
        var postal = await browser.SignedInPageAsync(fixture.App.BaseAddress, "postal1", "/my");
        try
        {
            await Assertions.Expect(postal.GetByTestId("nav-handover")).ToHaveCountAsync(0);

            await page.GetByTestId("nav-handover").ClickAsync();
            await page.WaitForURLAsync("**/planning/handover");
            await Assertions.Expect(page.GetByTestId("validation-row")).ToHaveCountAsync(9, Loaded);
            await Assertions.Expect(page.GetByTestId("handover-row")).ToHaveCountAsync(17);
            await Assertions.Expect(page.GetByTestId("validation-summary")).ToContainTextAsync("11 sở, ngành");
            await Assertions.Expect(page.GetByTestId("compare-plan")).ToHaveCountAsync(1);

            // A bad staff count: the rule's message, and the hour table still says 4 people.
            var caption = page.GetByTestId("handover-hours").Locator("caption");
            await Assertions.Expect(caption).ToContainTextAsync("4 người");
            await page.GetByTestId("handover-staff").FillAsync("0");
            await page.GetByTestId("handover-staff").PressAsync("Enter");
            await Assertions.Expect(page.GetByText("Số nhân viên bưu điện phải là số nguyên từ 1 đến 50.")).ToBeVisibleAsync();
            await Assertions.Expect(caption).ToContainTextAsync("4 người");

            // Sở Tư pháp ticked with the keyboard: focus, Space; the plan's peak rises.
            var peakBefore = int.Parse(await page.GetByTestId("plan-peak").TextContentAsync() ?? "");
            var stp = page.GetByTestId("handover-dept-STP");
            await stp.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(stp).ToBeCheckedAsync();
            await Assertions.Expect(page.GetByTestId("plan-peak")).Not.ToHaveTextAsync(peakBefore.ToString());

            // A valid count, then the suggestion: a second column in the comparison, for 5 people.
            await page.GetByTestId("handover-staff").FillAsync("5");
            await page.GetByTestId("handover-staff").PressAsync("Enter");
            await Assertions.Expect(page.GetByTestId("handover-applied")).ToContainTextAsync("5 người");
            await page.GetByTestId("handover-suggest").ClickAsync();
            await Assertions.Expect(page.GetByTestId("compare-plan")).ToHaveCountAsync(2, Loaded);
            await Assertions.Expect(page.GetByTestId("compare-plan").Nth(1)).ToContainTextAsync("Gợi ý cho 5 người");
            var peaks = await page.GetByTestId("compare-peak").AllTextContentsAsync();
            Assert.InRange(int.Parse(peaks[1]), 1, 5);
            await ScreenshotAsync(page, "handover.png");
        }
        finally
        {
            await page.Context.CloseAsync();
            await postal.Context.CloseAsync();
        }
    }
}
