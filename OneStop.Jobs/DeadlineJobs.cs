using Microsoft.Extensions.Logging;
using OneStop.Domain.Deadlines;
using Quartz;

namespace OneStop.Jobs;

/// <summary>
/// A Quartz job as a thin shell: records the run (<see cref="JobRunRecorder"/>) around one call into the Domain.
/// "manual" or "catch-up" in the job data map says who asked; otherwise the schedule did.
/// </summary>
public abstract class RecordedJob(JobRunRecorder recorder, ILogger logger) : IJob
{
    public const string TriggerKey = "trigger";

    protected abstract string Name { get; }
    protected abstract Task<int> RunAsync(string trigger, CancellationToken ct);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var trigger = context.MergedJobDataMap.TryGetValue(TriggerKey, out var t) && t is string s ? s : "schedule";
        try
        {
            await recorder.RunAsync(Name, trigger, ct => RunAsync(trigger, ct), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Job {Job} failed", Name);
            throw new JobExecutionException(ex) { RefireImmediately = false };
        }
    }
}

[DisallowConcurrentExecution]
public sealed class DeadlineSweepJob(DeadlineSweep sweep, JobRunRecorder recorder, ILogger<DeadlineSweepJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "deadline-sweep";
    protected override string Name => JobName;
    protected override Task<int> RunAsync(string trigger, CancellationToken ct) => sweep.RunAsync(fullScan: trigger == "catch-up", ct);
}

[DisallowConcurrentExecution]
public sealed class HandOverRemindersJob(HandOverReminders reminders, JobRunRecorder recorder, ILogger<HandOverRemindersJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "handover-reminders";
    protected override string Name => JobName;
    protected override Task<int> RunAsync(string trigger, CancellationToken ct) => reminders.RunAsync(ct);
}

[DisallowConcurrentExecution]
public sealed class DailyDigestJob(DailyDigest digest, JobRunRecorder recorder, ILogger<DailyDigestJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "daily-digest";
    protected override string Name => JobName;
    protected override Task<int> RunAsync(string trigger, CancellationToken ct) => digest.RunAsync(ct);
}
