using Microsoft.EntityFrameworkCore;
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
        await BrowserFixture.WaitLiveAsync(second);

        await first.Locator("form[action='/signout'] button[type=submit]").First.ClickAsync();
        await first.WaitForURLAsync(SignIn);
        await second.WaitForURLAsync(SignIn, new PageWaitForURLOptions { Timeout = 10_000 });
        await first.Context.CloseAsync();
    }

    [Fact]
    public async Task A_command_after_the_account_changed_on_another_node_is_not_carried_out()
    {
        // A dossier of our own in Sở Nội vụ's pool: received and handed over by postal1, for officer1 to take.
        var workflow = App.Services.GetRequiredService<OneStop.Domain.Dossiers.DossierWorkflow>();
        var received = await workflow.ReceiveAsync(WorkflowFixture.ValidIntake(DemoCatalog.AwardProcedureId), DemoCatalog.Postal1Id);
        var code = (await workflow.HandOverAsync(received.Code, received.Version, DemoCatalog.Postal1Id, null)).Code;
        var page = await browser.SignedInPageAsync(App.BaseAddress, "officer1", "/my");
        var take = page.GetByTestId($"queue-action-{code}");
        await Assertions.Expect(take).ToHaveAttributeAsync("data-action", "take");
        await take.ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-dialog")).ToBeVisibleAsync();

        int events;
        await using (var db = App.CreateDb())
        {
            var id = await db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).SingleAsync();
            events = await db.DossierEvents.CountAsync(e => e.DossierId == id);
            // Another node changed the account (a lock, a role change): only the database knows; this node was not told.
            await db.Staff.Where(st => st.Id == DemoCatalog.Officer1Id).ExecuteUpdateAsync(u => u.SetProperty(st => st.SecurityStamp, "CHANGED-ELSEWHERE"));
        }
        await page.GetByTestId("dialog-confirm").ClickAsync();

        // The command checks the session without the cache: nothing is taken, and the page goes to sign-in.
        await page.WaitForURLAsync(SignIn, new PageWaitForURLOptions { Timeout = 10_000 });
        await using (var db = App.CreateDb())
        {
            var id = await db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).SingleAsync();
            Assert.Equal(events, await db.DossierEvents.CountAsync(e => e.DossierId == id));
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_out_everywhere_from_the_menu_ends_the_other_browsers_session()
    {
        var phone = await browser.SignedInPageAsync(App.BaseAddress, "director", "/staffing");
        var desk = await browser.SignedInPageAsync(App.BaseAddress, "director", "/my");
        await desk.GetByTestId("signout-everywhere").ClickAsync();
        await desk.WaitForURLAsync(SignIn);
        await phone.WaitForURLAsync(SignIn, new PageWaitForURLOptions { Timeout = 10_000 });
        await phone.GotoAsync("/staffing");
        await Assertions.Expect(phone).ToHaveURLAsync(SignIn);
        await phone.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }

    [Fact]
    public async Task A_role_change_sends_the_open_screen_to_sign_in_and_the_new_role_applies_after()
    {
        var page = await browser.SignedInPageAsync(App.BaseAddress, "supervisor", "/staffing");
        var settings = App.Services.GetRequiredService<StaffSettings>();
        var admin = new SettingsActor(DemoCatalog.AdminId, "Trần Quốc Bảo");
        var asOfficer = new StaffInput(DemoCatalog.SupervisorId, "supervisor", "Nguyễn Văn Hòa", OneStop.Domain.Staffing.StaffRole.DepartmentOfficer,
            DemoCatalog.SoNoiVu, null);
        Assert.True((await settings.SaveAsync(asOfficer, null, admin)).Succeeded);
        try
        {
            await page.WaitForURLAsync(SignIn, new PageWaitForURLOptions { Timeout = 10_000 });
            // Signed in again, the cookie carries the new role: /staffing is now refused.
            await page.Locator("#username").FillAsync("supervisor");
            await page.Locator("#password").FillAsync("demo");
            await page.Locator("#password").PressAsync("Enter");
            await page.WaitForURLAsync(url => !url.Contains("/signin"));
            await page.GotoAsync("/staffing");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/denied"));
        }
        finally
        {
            await settings.SaveAsync(asOfficer with { Role = OneStop.Domain.Staffing.StaffRole.PostalSupervisor, DepartmentId = null }, null, admin);
        }
        await page.Context.CloseAsync();
    }
}
