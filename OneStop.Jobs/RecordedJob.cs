using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using OneStop.Domain.Deadlines;

namespace OneStop.Jobs;

/// <summary>
/// A Hangfire job as a thin shell: records the run (<see cref="JobRunRecorder"/>) around one call into the Domain and returns
/// how many items it handled (Hangfire keeps that as the succeeded state's result). Who asked: the trigger argument
/// ("schedule", or "catch-up" for the start-up sweep), "manual" when the recurring job was triggered by hand
/// (<see cref="ManualTriggerFilter"/>), "retry" for Hangfire's automatic retries of a failed run.
/// </summary>
/// <remarks>Hangfire passes the <see cref="PerformContext"/> and the shutdown token in place of the null and None of the declaration.</remarks>
public abstract class RecordedJob(JobRunRecorder recorder, ILogger logger)
{
    public const string MethodName = nameof(RunAsync);

    protected abstract string Name { get; }
    protected abstract Task<int> WorkAsync(string trigger, CancellationToken ct);

    public async Task<int> RunAsync(string trigger, PerformContext? context, CancellationToken cancellationToken)
    {
        if (context?.GetJobParameter<int>("RetryCount") > 0) trigger = "retry";
        else if (context?.GetJobParameter<string>(ManualTriggerFilter.Parameter) is { } manual) trigger = manual;
        try
        {
            var run = await recorder.RunAsync(Name, trigger, ct => WorkAsync(trigger, ct), cancellationToken);
            return run.ItemsHandled;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Job {Job} failed", Name);
            throw;
        }
    }
}

/// <summary>Two sweeps never overlap: a minute's run waits up to a minute for the one before, then fails and is retried.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class DeadlineSweepJob(DeadlineSweep sweep, JobRunRecorder recorder, ILogger<DeadlineSweepJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "deadline-sweep";
    protected override string Name => JobName;
    protected override Task<int> WorkAsync(string trigger, CancellationToken ct) => sweep.RunAsync(fullScan: trigger == "catch-up", ct);
}

[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class HandOverRemindersJob(HandOverReminders reminders, JobRunRecorder recorder, ILogger<HandOverRemindersJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "handover-reminders";
    protected override string Name => JobName;
    protected override Task<int> WorkAsync(string trigger, CancellationToken ct) => reminders.RunAsync(ct);
}

[DisableConcurrentExecution(timeoutInSeconds: 300)]
public sealed class DailyDigestJob(DailyDigest digest, JobRunRecorder recorder, ILogger<DailyDigestJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "daily-digest";
    protected override string Name => JobName;
    protected override Task<int> WorkAsync(string trigger, CancellationToken ct) => digest.RunAsync(ct);
}
