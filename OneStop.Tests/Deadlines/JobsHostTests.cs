using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Deadlines;
using OneStop.Jobs;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Deadlines;

/// <summary>The real app hosts Quartz with its persistent store: schedules, run now, pause and resume, run history.</summary>
public sealed class JobsHostTests
{
    private static async Task<List<JobRun>> WaitForRunsAsync(OneStopApp app, Func<List<JobRun>, bool> done)
    {
        for (var i = 0; i < 150; i++)
        {
            await using var db = app.CreateDb();
            var runs = await db.JobRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
            if (done(runs)) return runs;
            await Task.Delay(100);
        }
        await using var last = app.CreateDb();
        return await last.JobRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    [Fact]
    public async Task The_app_schedules_the_jobs_catches_up_at_start_and_runs_a_job_on_demand()
    {
        await using var app = new OneStopApp(demo: false);
        var page = app.Services.GetRequiredService<OneStop.Jobs.JobsPage>();

        // One sweep at start (state-based catch-up).
        var runs = await WaitForRunsAsync(app, r => r.Any(x => x.Trigger == "catch-up" && x.FinishedAt != null));
        var catchUp = Assert.Single(runs, r => r.Trigger == "catch-up");
        Assert.Equal(DeadlineSweepJob.JobName, catchUp.JobName);
        Assert.Equal(JobRunOutcome.Succeeded, catchUp.Outcome);

        var jobs = await page.ListAsync();
        Assert.Equal([DeadlineSweepJob.JobName, HandOverRemindersJob.JobName, DailyDigestJob.JobName, MonthlySnapshotJob.JobName], jobs.Select(j => j.Name));
        Assert.Equal("0 30 7 ? * MON-FRI", jobs[2].Cron);
        Assert.Equal("0 0 1 1 * ?", jobs[3].Cron);
        Assert.All(jobs, j => Assert.NotNull(j.NextFire));
        Assert.All(jobs, j => Assert.False(j.Paused));

        await page.RunNowAsync(DailyDigestJob.JobName);
        runs = await WaitForRunsAsync(app, r => r.Any(x => x.JobName == DailyDigestJob.JobName && x.Trigger == "manual" && x.FinishedAt != null));
        var manual = Assert.Single(runs, r => r.JobName == DailyDigestJob.JobName);
        Assert.Equal(JobRunOutcome.Succeeded, manual.Outcome);
        Assert.Equal("manual", manual.Trigger);

        await page.PauseAsync(HandOverRemindersJob.JobName);
        var paused = (await page.ListAsync()).Single(j => j.Name == HandOverRemindersJob.JobName);
        Assert.True(paused.Paused);
        await page.ResumeAsync(HandOverRemindersJob.JobName);
        Assert.False((await page.ListAsync()).Single(j => j.Name == HandOverRemindersJob.JobName).Paused);

        // The store is its own file beside the app's database.
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(app.DatabaseFile)!, "onestop.jobs.db")));
    }
}
