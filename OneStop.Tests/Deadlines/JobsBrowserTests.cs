using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Domain.Deadlines;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Deadlines;

/// <summary>The director opens /jobs on the demo center, runs the digest now and sees the run; a failed run is red.</summary>
public sealed class JobsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private OneStopApp _app = null!;
    public Task InitializeAsync() { _app = new OneStopApp(demo: true); return Task.CompletedTask; }
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
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveClassAsync(new Regex("live"));

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
    public async Task An_officer_is_turned_away()
    {
        var page = await SignInAsync("officer1", "/jobs");
        await page.WaitForURLAsync(new Regex("/denied"));
    }
}
