using Microsoft.Extensions.Logging;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Reports;
using Quartz;

namespace OneStop.Jobs;

/// <summary>On the 1st of each month: freezes the previous month's review (once; a frozen month is never rewritten).</summary>
[DisallowConcurrentExecution]
public sealed class MonthlySnapshotJob(MonthlyReportStore store, JobRunRecorder recorder, ILogger<MonthlySnapshotJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "monthly-snapshot";
    protected override string Name => JobName;
    protected override Task<int> RunAsync(string trigger, CancellationToken ct) => store.FreezePreviousMonthAsync(trigger, ct);
}
