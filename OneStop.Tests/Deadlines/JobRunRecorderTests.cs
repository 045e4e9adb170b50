using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Deadlines;

namespace OneStop.Tests.Deadlines;

public sealed class JobRunRecorderTests : IDisposable
{
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();
    private JobRunRecorder Recorder => new(_k.F.Contexts, _k.F.Clock, Options.Create(_k.Options));

    [Fact]
    public async Task Every_run_is_recorded_with_its_outcome_items_and_error()
    {
        _k.At(2026, 11, 23, 9);
        var ok = await Recorder.RunAsync("deadline-sweep", "manual", async _ => { _k.F.Clock.Advance(TimeSpan.FromSeconds(2)); await Task.Yield(); return 7; });
        Assert.Equal(JobRunOutcome.Succeeded, ok.Outcome);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Recorder.RunAsync("deadline-sweep", "schedule", _ => throw new InvalidOperationException("database is locked")));

        var runs = await Recorder.RecentAsync("deadline-sweep", 10);
        Assert.Equal(2, runs.Count);
        Assert.Equal(JobRunOutcome.Failed, runs[0].Outcome);
        Assert.Equal("InvalidOperationException: database is locked", runs[0].Error);
        Assert.NotNull(runs[0].FinishedAt);
        Assert.Equal(JobRunOutcome.Succeeded, runs[1].Outcome);
        Assert.Equal(7, runs[1].ItemsHandled);
        Assert.Equal("manual", runs[1].Trigger);
        Assert.Equal(TimeSpan.FromSeconds(2), runs[1].FinishedAt - runs[1].StartedAt);
    }

    [Fact]
    public async Task A_run_left_running_by_a_crash_is_marked_failed_by_the_next_one()
    {
        _k.At(2026, 11, 23, 9);
        await using (var db = _k.F.Db())
        {
            db.JobRuns.Add(new JobRun { JobName = "deadline-sweep", StartedAt = _k.F.Clock.GetUtcNow().UtcDateTime, Outcome = JobRunOutcome.Running });
            db.JobRuns.Add(new JobRun { JobName = "daily-digest", StartedAt = _k.F.Clock.GetUtcNow().UtcDateTime, Outcome = JobRunOutcome.Running });
            await db.SaveChangesAsync();
        }
        _k.F.Clock.Advance(TimeSpan.FromMinutes(1));
        await Recorder.RunAsync("deadline-sweep", "catch-up", _ => Task.FromResult(0));
        var runs = await Recorder.RecentAsync("deadline-sweep", 10);
        Assert.Equal(JobRunOutcome.Succeeded, runs[0].Outcome);
        Assert.Equal(JobRunOutcome.Failed, runs[1].Outcome);
        Assert.Equal(JobRunRecorder.InterruptedError, runs[1].Error);
        // Another job's run is not this one's business.
        Assert.Equal(JobRunOutcome.Running, Assert.Single(await Recorder.RecentAsync("daily-digest", 10)).Outcome);
    }

    [Fact]
    public async Task Runs_older_than_90_days_are_pruned()
    {
        _k.At(2026, 8, 1, 9);
        await Recorder.RunAsync("daily-digest", "schedule", _ => Task.FromResult(1));
        _k.At(2026, 10, 20, 9); // 80 days later: kept
        await Recorder.RunAsync("daily-digest", "schedule", _ => Task.FromResult(1));
        Assert.Equal(0, await Recorder.PruneAsync());
        Assert.Equal(2, (await Recorder.RecentAsync("daily-digest", 10)).Count);
        _k.At(2026, 11, 1, 9); // 92 days after the first
        await Recorder.RunAsync("daily-digest", "schedule", _ => Task.FromResult(1));
        Assert.Equal(3, (await Recorder.RecentAsync("daily-digest", 10)).Count); // a run no longer prunes: the pruning job does
        Assert.Equal(1, await Recorder.PruneAsync());
        var runs = await Recorder.RecentAsync("daily-digest", 10);
        Assert.Equal(2, runs.Count);
        Assert.DoesNotContain(runs, r => r.StartedAt.Month == 8);
    }
}
