using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace OneStop.Jobs;

/// <summary>
/// Marks a job made by triggering a recurring job by hand ("run now" on /jobs, "Trigger now" on /hangfire) with the job
/// parameter <see cref="Parameter"/> = "manual" as it is enqueued, so its run is recorded as manual.
/// </summary>
public sealed class ManualTriggerFilter : IApplyStateFilter
{
    public const string Parameter = "OneStop.Trigger";
    /// <summary>The reason RecurringJobManager.TriggerJob gives the job it enqueues (the scheduler's own says "by recurring job scheduler").</summary>
    private const string ManualReason = "Triggered using recurring job manager";

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        // Through the connection, not the transaction (Hangfire.Storage.SQLite 0.4.3 has no transactional SetJobParameter):
        // written before the transaction that enqueues the job commits, so no worker can fetch the job without it.
        if (context.NewState is EnqueuedState { Reason: ManualReason })
            context.Connection.SetJobParameter(context.BackgroundJob.Id, Parameter, SerializationHelper.Serialize("manual"));
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction) { }
}

/// <summary>
/// This app's job filters: Hangfire's global ones and attributes, with our retry policy (OneStop:Jobs:RetryAttempts and
/// RetryDelaysSeconds) in place of the global ten attempts, and <see cref="ManualTriggerFilter"/>. Registered in the
/// container rather than in Hangfire's static GlobalJobFilters, so two apps in one process (tests) keep their own.
/// </summary>
public sealed class OneStopJobFilterProvider : IJobFilterProvider
{
    private readonly JobFilterProviderCollection _all;

    public OneStopJobFilterProvider(JobsOptions options)
    {
        var retry = new AutomaticRetryAttribute
        {
            Attempts = options.RetryAttempts,
            DelaysInSeconds = options.RetryDelaysSeconds is { Length: > 0 } d ? d : [10],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        };
        var mine = new JobFilterCollection();
        mine.Add(retry);
        mine.Add(new ManualTriggerFilter());
        // Same filter type, later in the list: ours replaces the global AutomaticRetry (JobFilterProviderCollection keeps the last one).
        _all = new JobFilterProviderCollection(GlobalJobFilters.Filters, new JobFilterAttributeFilterProvider(), new ScopedAs(mine, JobFilterScope.Method));
    }

    public IEnumerable<JobFilter> GetFilters(Job job) => _all.GetFilters(job);

    private sealed class ScopedAs(JobFilterCollection filters, JobFilterScope scope) : IJobFilterProvider
    {
        public IEnumerable<JobFilter> GetFilters(Job job) => filters.Select(f => new JobFilter(f.Instance, scope, f.Order));
    }
}
