using Microsoft.Extensions.Options;
using OneStop.Domain.Deadlines;
using Quartz;

namespace OneStop.Jobs;

/// <summary>One job as the jobs page shows it.</summary>
public sealed record JobStatus(string Name, string Title, string Description, string Cron, DateTimeOffset? NextFire, bool Paused, IReadOnlyList<JobRun> LastRuns);

/// <summary>What the jobs page reads and does: the schedule from Quartz, the history from JobRuns.</summary>
public sealed class JobsPage(ISchedulerFactory factory, JobRunRecorder recorder, IOptions<JobsOptions> options)
{
    public bool SchedulerRunsHere => options.Value.Enabled;

    public async Task<IReadOnlyList<JobStatus>> ListAsync(int runs = 10, CancellationToken ct = default)
    {
        var scheduler = await factory.GetScheduler(ct);
        var list = new List<JobStatus>();
        foreach (var job in JobCatalog.All)
        {
            var cron = await scheduler.GetTrigger(new TriggerKey(job.Name + "-cron"), ct) as ICronTrigger;
            var paused = cron is not null && await scheduler.GetTriggerState(cron.Key, ct) == TriggerState.Paused;
            list.Add(new JobStatus(job.Name, job.Title, job.Description, cron?.CronExpressionString ?? job.Cron(options.Value),
                paused ? null : cron?.NextFireTimeUtc, paused, await recorder.RecentAsync(job.Name, runs, ct)));
        }
        return list;
    }

    public async Task RunNowAsync(string name, CancellationToken ct = default)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.TriggerJob(Key(name), new JobDataMap { [RecordedJob.TriggerKey] = "manual" }, ct);
    }

    public async Task PauseAsync(string name, CancellationToken ct = default) => await (await factory.GetScheduler(ct)).PauseJob(Key(name), ct);
    public async Task ResumeAsync(string name, CancellationToken ct = default) => await (await factory.GetScheduler(ct)).ResumeJob(Key(name), ct);

    private static JobKey Key(string name) =>
        JobCatalog.All.Any(j => j.Name == name) ? new JobKey(name) : throw new ArgumentException($"Unknown job {name}", nameof(name));
}
