using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Deadlines;
using OneStop.Jobs;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Deadlines;

/// <summary>The real app hosts Hangfire on its SQLite job file: schedules, run now, pause and resume, run history.</summary>
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
        Assert.Equal([DeadlineSweepJob.JobName, HandOverRemindersJob.JobName, DailyDigestJob.JobName, MonthlySnapshotJob.JobName,
            NotificationRetriesJob.JobName, RunHistoryPruningJob.JobName], jobs.Select(j => j.Name));
        Assert.Equal("30 7 * * 1-5", jobs[2].Cron);
        Assert.Equal(["mỗi phút", "mỗi phút, giây thứ 30", "07:30 các ngày làm việc", "01:00 ngày 1 hằng tháng", "mỗi phút, giây thứ 15", "02:00 hằng ngày"],
            jobs.Select(j => j.Schedule));
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
        Assert.Null(paused.NextFire);
        await page.ResumeAsync(HandOverRemindersJob.JobName);
        var resumed = (await page.ListAsync()).Single(j => j.Name == HandOverRemindersJob.JobName);
        Assert.False(resumed.Paused);
        Assert.NotNull(resumed.NextFire);

        // The run now went through Hangfire: the digest's recurring job names it as its last job, succeeded.
        Assert.Equal("Succeeded", (await page.ListAsync()).Single(j => j.Name == DailyDigestJob.JobName).LastState);

        if (TestDatabase.PostgreSql)
        {
            // On PostgreSQL the store is Hangfire.PostgreSql's own schema in the app's database, holding these jobs.
            await using var db = app.CreateDb();
            var jobRows = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM hangfire.job").SingleAsync();
            Assert.True(jobRows >= 2, $"hangfire.job holds {jobRows} rows");
        }
        else
        {
            // The store is its own file beside the app's database.
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(app.DatabaseFile)!, "onestop.jobs.db")));
        }
    }
}
