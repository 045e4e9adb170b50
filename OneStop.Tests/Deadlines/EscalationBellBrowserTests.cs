using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Deadlines;

/// <summary>
/// A department leader has the dashboard open; one of the department's dossiers passes its appointment and the sweep
/// (the app's own, as the Hangfire job runs it) fires the "overdue" rung: the bell counts it and lists it, no reload.
/// </summary>
public sealed class EscalationBellBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_leaders_bell_rises_when_an_overdue_escalation_fires()
    {
        await using var app = new OneStopApp(demo: true);
        var sweep = app.Services.GetRequiredService<DeadlineSweep>();
        // Settle the demo's dossiers, so that only ours moves below (the app's own catch-up run at start may hold a few back),
        // and the hand-over reminders, whose minute job (at :30) would otherwise tell this leader of the demo's untouched dossiers
        // while the test runs. On the test's fixed clock, the scheduled runs then find nothing more.
        while (await sweep.RunAsync(fullScan: true) > 0) { }
        var reminders = app.Services.GetRequiredService<HandOverReminders>();
        while (await reminders.RunAsync() > 0) { }

        long dossierId;
        string code;
        int leaderId;
        await using (var db = app.CreateDb())
        {
            var leader = await db.Staff.SingleAsync(s => s.UserName == "leader1");
            var d = await db.Dossiers
                .Where(x => x.DepartmentId == leader.DepartmentId && x.DeadlineClass == DeadlineClass.OnTrack
                            && (x.Status == DossierStatus.Received || x.Status == DossierStatus.InProgress))
                .OrderBy(x => x.Id).FirstAsync();
            (dossierId, code, leaderId) = (d.Id, d.Code, leader.Id);
        }

        var page = await browser.SignedInPageAsync(app.BaseAddress, "leader1", "/");
        var count = page.GetByTestId("bell-count");
        await Assertions.Expect(count).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await count.TextContentAsync() ?? "");

        // The appointment passes: an hour ago, in working time or not, it is overdue now.
        int rungsBefore;
        await using (var db = app.CreateDb())
        {
            rungsBefore = await db.DossierEvents.CountAsync(e => e.DossierId == dossierId && e.Type == DossierEventType.Escalated);
            var d = await db.Dossiers.SingleAsync(x => x.Id == dossierId);
            d.AppointmentAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
            await db.SaveChangesAsync();
        }
        await sweep.RunAsync(); // (the scheduled run may be the one that moves it: either way, once)

        await Assertions.Expect(count).ToHaveTextAsync($"{before + 1}", new() { Timeout = 5_000 });
        await page.GetByTestId("bell-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bell-item").First).ToContainTextAsync($"Hồ sơ {code} đã quá hạn");

        // The rung is on the dossier's record too, once.
        await using (var db = app.CreateDb())
        {
            var rungs = await db.DossierEvents.CountAsync(e => e.DossierId == dossierId && e.Type == DossierEventType.Escalated);
            Assert.Equal(rungsBefore + 1, rungs);
            Assert.Equal(DeadlineClass.Overdue, (await db.Dossiers.SingleAsync(x => x.Id == dossierId)).DeadlineClass);
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.DossierId == dossierId && n.Kind == NotificationKinds.Overdue
                                                              && n.Channel == NotificationChannel.InApp && n.RecipientId == leaderId));
        }
        await page.Context.CloseAsync();
    }
}
