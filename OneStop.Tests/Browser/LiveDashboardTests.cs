using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using OneStop.Domain;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// Two Chromium pages on `/` see a new dossier within two seconds with no reload: one received in
/// this process, one written by a "second process" (its own connections, no in-process publish),
/// and one more after the server was stopped and started again on the same port and database.
/// </summary>
public sealed class LiveDashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    [Fact]
    public async Task A_new_dossier_appears_on_every_open_overview_and_keeps_doing_so_after_a_restart()
    {
        using var folder = new TempFolder();
        var app = new OneStopApp(demo: true, folder: folder);
        var port = app.BaseAddress.Port;
        try
        {
            var pages = new[] { await browser.NewPageAsync(app.BaseAddress), await browser.NewPageAsync(app.BaseAddress) };
            foreach (var page in pages)
            {
                await page.GotoAsync("/");
                await BrowserFixture.WaitLiveAsync(page);
            }
            var received = int.Parse(await pages[0].GetByTestId("tile-received-value").TextContentAsync() ?? "");

            // 1. Through the Domain service, in this process.
            await ReceiveAsync(app.Services.GetRequiredService<DossierWorkflow>(), app);
            foreach (var page in pages)
                await Assertions.Expect(page.GetByTestId("tile-received-value")).ToHaveTextAsync($"{received + 1}", WithinTwoSeconds);

            // 2. Another process writing the same database: separate connections, nothing published in-process.
            var otherProcess = new PooledDbContextFactory<OneStopDbContext>(
                new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={app.DatabaseFile}").Options);
            var otherWorkflow = new DossierWorkflow(otherProcess,
                new CenterCalendarProvider(otherProcess, Options.Create(new CenterOptions())), app.Clock, new NoDossierChangeSink());
            await ReceiveAsync(otherWorkflow, app);
            foreach (var page in pages)
                await Assertions.Expect(page.GetByTestId("tile-received-value")).ToHaveTextAsync($"{received + 2}", WithinTwoSeconds);

            // 3. Restart the server on the same port and database; the pages notice (our banner, not the 10.0 script's own
            //    reconnect dialog), then come back by themselves: the new server does not know the old circuit, so each
            //    page reloads itself (the marker set in the old document is gone).
            foreach (var page in pages) await page.EvaluateAsync("() => { window.__beforeRestart = true; }");
            await app.DisposeAsync();
            foreach (var page in pages)
            {
                await Assertions.Expect(page.Locator("body[data-connection=down]")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
                await Assertions.Expect(page.Locator(".connection-lost")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator(".connection-lost")).ToHaveTextAsync("Mất kết nối tới máy chủ. Màn hình sẽ tự kết nối lại.");
                await Assertions.Expect(page.Locator("#components-reconnect-modal:visible")).ToHaveCountAsync(0);
            }
            app = new OneStopApp(demo: true, folder: folder, port: port);
            foreach (var page in pages)
            {
                await Assertions.Expect(page.Locator("body[data-connection=down]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
                await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("live"), new() { Timeout = 30_000 });
                Assert.False(await page.EvaluateAsync<bool>("() => window.__beforeRestart === true"), "the page was not reloaded after the restart");
            }
            await ReceiveAsync(app.Services.GetRequiredService<DossierWorkflow>(), app);
            foreach (var page in pages)
                await Assertions.Expect(page.GetByTestId("tile-received-value")).ToHaveTextAsync($"{received + 3}", WithinTwoSeconds);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Receives a counter dossier for Sở Nội vụ as postal1, like the counter page does.</summary>
    private static async Task ReceiveAsync(DossierWorkflow workflow, OneStopApp app)
    {
        await using var db = app.CreateDb();
        var postal1 = await db.Staff.SingleAsync(s => s.UserName == "postal1");
        var procedure = (await db.Procedures.Where(p => p.Department!.Code == "SNV").ToListAsync()).First(p => p.Allows(Channel.Counter));
        await workflow.ReceiveAsync(new IntakeRequest
        {
            ProcedureId = procedure.Id, Channel = Channel.Counter, ResultDelivery = ResultDelivery.Counter,
            ApplicantName = "Trần Thị Mai", ApplicantPhone = "0905123456", ApplicantIdNumber = "045190009876",
            ApplicantAddress = "5 Hùng Vương, Đông Hà, Quảng Trị",
        }, postal1.Id);
    }
}
