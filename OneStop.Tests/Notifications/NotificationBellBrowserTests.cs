using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Notifications;

/// <summary>
/// The bell in real Chromium against the real app: officer1's count rises without a reload when a
/// notification is written in the app's process and when another process writes one to the same
/// database, the list links to the dossier, "mark all read" brings it to zero, and /notifications
/// shows each channel's delivery status.
/// </summary>
[Trait(TestDatabase.ProvidersTrait, TestDatabase.SqliteOnly)] // builds its app on a SQLite file of its own
public sealed class NotificationBellBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_bell_counts_new_notifications_live_and_clears_on_mark_all_read()
    {
        // No background jobs: the demo's minute sweep and hand-over reminders would write officer1 notifications of their
        // own while the test counts (10 instead of 3 under load); the bell and the outbox are what is tested here.
        await using var app = new OneStopApp(demo: true, settings: new Dictionary<string, string> { ["OneStop:Jobs:Enabled"] = "false" });
        var page = await browser.SignedInPageAsync(app.BaseAddress, "officer1", "/my");

        int officer1;
        string code;
        await using (var db = app.CreateDb())
        {
            officer1 = (await db.Staff.SingleAsync(s => s.UserName == "officer1")).Id;
            code = (await db.Dossiers.OrderBy(d => d.Id).FirstAsync()).Code;
        }
        var count = page.GetByTestId("bell-count");
        var before = int.Parse(await count.TextContentAsync() ?? "");

        // 1. In the app's process: the outbox's signal moves the bell at once.
        var outbox = app.Services.GetRequiredService<NotificationOutbox>();
        await using (var db = app.CreateDb())
        {
            await outbox.AddAsync(db, officer1, new OutboxMessage(NotificationKinds.HandOver, $"Hồ sơ {code} đã chuyển đến bạn", "Chờ thẩm định.", 1, code, "browser-1"));
            await outbox.SaveAsync(db);
        }
        await Assertions.Expect(count).ToHaveTextAsync($"{before + 1}", new() { Timeout = 2_000 });

        // 2. Another process (its own connections, its own signal): the bell's tick finds it.
        var otherProcess = new PooledDbContextFactory<OneStopDbContext>(
            new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={app.DatabaseFile}").Options);
        var otherOutbox = new NotificationOutbox(Options.Create(new NotificationOptions()), app.Clock, new NotificationSignal());
        await using (var db = otherProcess.CreateDbContext())
        {
            await otherOutbox.AddAsync(db, officer1, new OutboxMessage(NotificationKinds.Overdue, $"Hồ sơ {code} đã quá hạn", "Quá hạn 1 ngày.", 1, code, "browser-2"));
            await otherOutbox.SaveAsync(db);
        }
        await Assertions.Expect(count).ToHaveTextAsync($"{before + 2}", new() { Timeout = 12_000 });

        // 3. The list links to the dossier; "mark all read" empties the count.
        await page.GetByTestId("bell-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bell-item").First).ToContainTextAsync($"Hồ sơ {code} đã quá hạn");
        Assert.Equal($"/dossiers/{code}", await page.GetByTestId("bell-item").First.Locator("a").GetAttributeAsync("href"));
        await page.GetByTestId("bell-mark-all-read").ClickAsync();
        await Assertions.Expect(count).ToHaveTextAsync("0", new() { Timeout = 2_000 });

        // 4. /notifications shows the in-app row delivered (the delivery service runs in the app) and read.
        await page.GetByTestId("bell-all").ClickAsync();
        await page.WaitForURLAsync(new Regex("/notifications$"));
        var status = page.GetByTestId("notification-row").First.GetByTestId("delivery-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-channel", "InApp");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "Sent", new() { Timeout = 12_000 });
        await Assertions.Expect(status).ToContainTextAsync("Đã đọc");
        await page.Context.CloseAsync();
    }
}
