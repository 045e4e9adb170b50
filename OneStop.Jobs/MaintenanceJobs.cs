using Hangfire;
using Microsoft.Extensions.Logging;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Notifications;
using OneStop.Domain.Reports;

namespace OneStop.Jobs;

/// <summary>On the 1st of each month: freezes the previous month's review (once; a frozen month is never rewritten).</summary>
[DisableConcurrentExecution(timeoutInSeconds: 300)]
public sealed class MonthlySnapshotJob(MonthlyReportStore store, JobRunRecorder recorder, ILogger<MonthlySnapshotJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "monthly-snapshot";
    protected override string Name => JobName;
    protected override Task<int> WorkAsync(string trigger, CancellationToken ct) => store.FreezePreviousMonthAsync(trigger, ct);
}

/// <summary>
/// The retry net of notification delivery: delivers every outbox row that is due, chiefly e-mail and webhook rows whose
/// back-off has run out. The web app's delivery loop sends new rows within seconds; both claim a row before sending it
/// (<see cref="NotificationDelivery"/>), so the two never send one row twice.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class NotificationRetriesJob(NotificationDelivery delivery, TimeProvider time, JobRunRecorder recorder, ILogger<NotificationRetriesJob> logger)
    : RecordedJob(recorder, logger)
{
    public const string JobName = "notification-retries";
    protected override string Name => JobName;
    protected override async Task<int> WorkAsync(string trigger, CancellationToken ct) =>
        (await delivery.DeliverDueAsync(time.GetUtcNow().UtcDateTime, ct)).Total;
}

/// <summary>Deletes job runs older than OneStop:Jobs:RunHistoryDays.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 300)]
public sealed class RunHistoryPruningJob(JobRunRecorder recorder, ILogger<RunHistoryPruningJob> logger) : RecordedJob(recorder, logger)
{
    public const string JobName = "run-history-pruning";
    private readonly JobRunRecorder _recorder = recorder;
    protected override string Name => JobName;
    protected override Task<int> WorkAsync(string trigger, CancellationToken ct) => _recorder.PruneAsync(ct);
}
