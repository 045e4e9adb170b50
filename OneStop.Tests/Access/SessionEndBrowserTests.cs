using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Settings;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Access;

/// <summary>An ended session closes the live screens that are already open, in real Chromium: the circuit's user becomes anonymous and the page goes to sign-in.</summary>
public sealed class SessionEndBrowserTests(BrowserFixture browser, SeededAppFixture fixture) : IClassFixture<BrowserFixture>, IClassFixture<SeededAppFixture>
{
    private OneStopApp App => fixture.App;
    private static readonly System.Text.RegularExpressions.Regex SignIn = new("/signin");

    [Fact]
    public async Task Locking_an_account_sends_its_open_queue_to_sign_in()
    {
        var page = await browser.SignedInPageAsync(App.BaseAddress, "officer1", "/my");
        var settings = App.Services.GetRequiredService<StaffSettings>();
        var admin = new SettingsActor(DemoCatalog.AdminId, "Trần Quốc Bảo");
        Assert.True((await settings.SetActiveAsync(DemoCatalog.Officer1Id, false, admin)).Succeeded);
        try
        {
            // No click, no reload: the open circuit is told by this node that the session ended.
            await page.WaitForURLAsync(SignIn, new PageWaitForURLOptions { Timeout = 10_000 });
            // And the browser's cookie no longer opens the queue.
            await page.GotoAsync("/my");
            await Assertions.Expect(page).ToHaveURLAsync(SignIn);
        }
        finally { await settings.SetActiveAsync(DemoCatalog.Officer1Id, true, admin); }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_in_one_tab_closes_the_other_tabs_of_that_browser()
    {
        var first = await browser.SignedInPageAsync(App.BaseAddress, "leader1", "/my");
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/my");
        await Assertions.Expect(second.GetByTestId("connection-state")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("live"));

        await first.Locator("form[action='/signout'] button[type=submit]").First.ClickAsync();
        await first.WaitForURLAsync(SignIn);
        await second.WaitForURLAsync(SignIn, new PageWaitForURLOptions { Timeout = 10_000 });
        await first.Context.CloseAsync();
    }
}
