using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Domain.Deadlines;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Deadlines;

/// <summary>The director opens /jobs on the demo center, runs the digest now and sees the run; a failed run is red.</summary>
public sealed class JobsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private OneStopApp _app = null!;
    // The reminders fire every minute by the real clock, and a real run after the failed one below is rightly no longer red:
    // here they fire only at New Year, so the failed run stays the last one for as long as the test looks at it.
    public Task InitializeAsync()
    {
        _app = new OneStopApp(demo: true, settings: new Dictionary<string, string> { ["OneStop:Jobs:HandOverRemindersCron"] = "0 0 1 1 *" });
        return Task.CompletedTask;
    }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<IPage> SignInAsync(string user, string returnUrl) => browser.SubmitSignInAsync(_app.BaseAddress, user, returnUrl);

    [Fact]
    public async Task Run_now_shows_the_run_and_a_failure_stands_out()
    {
        // A failed run of the reminders, as a crash would leave it.
        await using (var db = _app.CreateDb())
        {
            var at = _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
            db.JobRuns.Add(new JobRun { JobName = "handover-reminders", StartedAt = at, FinishedAt = at.AddSeconds(1), Outcome = JobRunOutcome.Failed, Error = "SqliteException: database is locked" });
            await db.SaveChangesAsync();
        }

        var page = await SignInAsync("director", "/jobs");
        await page.WaitForURLAsync(new Regex("/jobs$"));
        await BrowserFixture.WaitLiveAsync(page);

        var digest = page.GetByTestId("job-daily-digest");
        await Assertions.Expect(digest.GetByTestId("job-schedule")).ToHaveTextAsync("07:30 các ngày làm việc");
        await Assertions.Expect(page.GetByTestId("job-deadline-sweep").GetByTestId("job-schedule")).ToHaveTextAsync("mỗi phút");
        await Assertions.Expect(digest.GetByTestId("job-no-runs")).ToBeVisibleAsync();

        await digest.GetByTestId("job-run-now").ClickAsync();
        await Assertions.Expect(digest.GetByTestId("job-run-outcome")).ToHaveTextAsync("Thành công", new() { Timeout = 15_000 });
        await Assertions.Expect(digest.GetByTestId("job-run")).ToContainTextAsync("chạy ngay");

        var reminders = page.GetByTestId("job-handover-reminders");
        await Assertions.Expect(reminders).ToHaveClassAsync(new Regex("job-failed"));
        await Assertions.Expect(reminders.Locator("tr.run-failed")).ToContainTextAsync("database is locked");
        await Assertions.Expect(digest).Not.ToHaveClassAsync(new Regex("job-failed"));

        // Pause and resume.
        await reminders.GetByTestId("job-pause").ClickAsync();
        await Assertions.Expect(reminders.GetByTestId("job-next")).ToHaveTextAsync("tạm dừng");
        await reminders.GetByTestId("job-resume").ClickAsync();
        await Assertions.Expect(reminders.GetByTestId("job-next")).Not.ToHaveTextAsync("tạm dừng");
    }

    [Fact]
    public async Task The_director_reads_Hangfires_dashboard_and_the_admin_gets_its_buttons()
    {
        var errors = new List<string>();
        var page = await SignInAsync("director", "/jobs");
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.WaitForURLAsync(new Regex("/jobs$"));
        await Assertions.Expect(page.GetByTestId("job-daily-digest").GetByTestId("job-run-now")).ToBeVisibleAsync();
        await Screenshot(page, "jobs.png");

        await Assertions.Expect(page.GetByTestId("hangfire-link")).ToHaveAttributeAsync("href", "/hangfire");
        await page.GotoAsync("/hangfire/recurring");
        var rows = page.Locator(".js-jobs-list-row");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("deadline-sweep");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Asia/Ho_Chi_Minh");
        await Assertions.Expect(page.Locator("button[data-url$='/recurring/trigger']")).ToHaveCountAsync(0); // read-only
        await Screenshot(page, "hangfire.png");
        Assert.Empty(errors); // the dashboard's script runs under our content security policy

        var admin = await SignInAsync("admin", "/hangfire/recurring");
        await admin.WaitForURLAsync(new Regex("/hangfire/recurring$"));
        await Assertions.Expect(admin.Locator("button[data-url$='/recurring/trigger']")).ToHaveCountAsync(1);
    }

    /// <summary>With ONESTOP_SCREENSHOTS set to a folder, saves what the test sees there (how the README's pictures are made).</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ONESTOP_SCREENSHOTS") is not { Length: > 0 } folder) return;
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = false });
    }

    [Fact]
    public async Task An_officer_is_turned_away()
    {
        var page = await SignInAsync("officer1", "/jobs");
        await page.WaitForURLAsync(new Regex("/denied"));
    }
}
