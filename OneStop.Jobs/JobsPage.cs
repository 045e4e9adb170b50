using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using OneStop.Domain.Deadlines;

namespace OneStop.Jobs;

/// <summary>One job as the jobs page shows it.</summary>
/// <param name="Schedule">The schedule in words ("mỗi phút"), <paramref name="Cron"/> the expression behind it.</param>
/// <param name="LastState">Hangfire's state of the job's last run (Succeeded, Failed, Processing, Enqueued, Scheduled for a retry), null before any.</param>
public sealed record JobStatus(string Name, string Title, string Description, string Cron, string Schedule, DateTimeOffset? NextFire, bool Paused,
    string? LastState, IReadOnlyList<JobRun> LastRuns);

/// <summary>
/// What the jobs page reads and does. Schedule, next and last execution and the last run's state come from Hangfire's
/// storage (the recurring jobs as the dashboard shows them); the runs with their items and errors from the JobRuns table,
/// which lives in the domain database and so outlasts the disposable job store.
/// </summary>
public sealed class JobsPage(JobStorage storage, JobSchedule schedule, JobRunRecorder recorder, IOptions<JobsOptions> options)
{
    public bool SchedulerRunsHere => options.Value.Enabled;

    public async Task<IReadOnlyList<JobStatus>> ListAsync(int runs = 10, CancellationToken ct = default)
    {
        List<RecurringJobDto> recurring;
        using (var connection = storage.GetConnection())
            recurring = connection.GetRecurringJobs(JobCatalog.All.Select(j => j.Name));
        var paused = schedule.PausedNames();
        var list = new List<JobStatus>();
        foreach (var job in JobCatalog.All)
        {
            var r = recurring.FirstOrDefault(x => x.Id == job.Name && !x.Removed);
            var isPaused = paused.Contains(job.Name);
            var cron = job.Cron(options.Value);
            list.Add(new JobStatus(job.Name, job.Title, job.Description, cron, ScheduleWords.Describe(cron),
                isPaused || r?.NextExecution is null ? null : new DateTimeOffset(DateTime.SpecifyKind(r.NextExecution.Value, DateTimeKind.Utc)),
                isPaused, r?.LastJobState, await recorder.RecentAsync(job.Name, runs, ct)));
        }
        return list;
    }

    public Task RunNowAsync(string name, CancellationToken ct = default) => Task.Run(() => schedule.Trigger(name), ct);
    public Task PauseAsync(string name, CancellationToken ct = default) => Task.Run(() => schedule.Pause(name), ct);
    public Task ResumeAsync(string name, CancellationToken ct = default) => Task.Run(() => schedule.Resume(name), ct);
}
