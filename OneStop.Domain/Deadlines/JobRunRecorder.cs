using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Deadlines;

/// <summary>Writes a <see cref="JobRun"/> row around every run of a background job; prunes old ones when asked.</summary>
public sealed class JobRunRecorder(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time, IOptions<DeadlineOptions> options)
{
    public const string InterruptedError = "Bị gián đoạn: tiến trình dừng khi tác vụ đang chạy";

    /// <summary>Runs <paramref name="work"/> (which returns how many items it handled) and records start, finish, outcome and error.</summary>
    /// <remarks>A failure is recorded and rethrown; a cancellation is recorded as a failure ("cancelled").</remarks>
    public async Task<JobRun> RunAsync(string jobName, string trigger, Func<CancellationToken, Task<int>> work, CancellationToken ct = default)
    {
        var run = new JobRun { JobName = jobName, Trigger = trigger, StartedAt = Now, Outcome = JobRunOutcome.Running };
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            // Jobs never overlap themselves, so a run of this job still "running" died with its process: say so.
            foreach (var dead in await db.JobRuns.Where(r => r.JobName == jobName && r.Outcome == JobRunOutcome.Running).ToListAsync(CancellationToken.None))
            {
                dead.Outcome = JobRunOutcome.Failed;
                dead.Error = InterruptedError;
            }
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        try
        {
            run.ItemsHandled = await work(ct);
            run.Outcome = JobRunOutcome.Succeeded;
        }
        catch (Exception ex)
        {
            run.Outcome = JobRunOutcome.Failed;
            run.Error = ex is OperationCanceledException ? "Đã hủy (cancelled)" : $"{ex.GetType().Name}: {ex.Message}";
            if (run.Error.Length > 2000) run.Error = run.Error[..2000];
            await FinishAsync(run);
            throw;
        }
        await FinishAsync(run);
        return run;
    }

    private async Task FinishAsync(JobRun run)
    {
        run.FinishedAt = Now;
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.JobRuns.Update(run);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Deletes the runs older than OneStop:Jobs:RunHistoryDays (a job of its own); returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var cutoff = Now.AddDays(-options.Value.RunHistoryDays);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.JobRuns.Where(r => r.StartedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    /// <summary>The last runs of each job, newest first.</summary>
    public async Task<IReadOnlyList<JobRun>> RecentAsync(string jobName, int count, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.JobRuns.AsNoTracking().Where(r => r.JobName == jobName).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(count).ToListAsync(ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
