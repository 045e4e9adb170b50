using Hangfire;

namespace OneStop.Jobs;

/// <summary>A recurring job as the schedule declares it and the jobs page lists it.</summary>
public sealed record JobDefinition(string Name, string Title, string Description, Type Type, Func<JobsOptions, string> Cron, string CronKey, MisfireHandlingMode Misfire);

public static class JobCatalog
{
    /// <remarks>
    /// Misfires (occurrences missed while the app was down): the minute jobs are <see cref="MisfireHandlingMode.Ignorable"/>,
    /// they look at state, not at the clock, so the next minute (and, for the sweep, the full catch-up run at start) does the
    /// work of every minute missed; replaying missed minutes would only queue identical runs. The digest, the monthly snapshot
    /// and the pruning are <see cref="MisfireHandlingMode.Relaxed"/>: a missed occurrence runs once at start, however many were missed.
    /// </remarks>
    public static readonly IReadOnlyList<JobDefinition> All =
    [
        new(DeadlineSweepJob.JobName, "Rà soát thời hạn", "Phân loại hồ sơ trong hạn / sắp đến hạn / quá hạn và báo theo thang nhắc việc.",
            typeof(DeadlineSweepJob), o => o.DeadlineSweepCron, nameof(JobsOptions.DeadlineSweepCron), MisfireHandlingMode.Ignorable),
        new(HandOverRemindersJob.JobName, "Nhắc việc chuyển hồ sơ", "Báo ngay người nhận hồ sơ; nhắc khi chưa xử lý sau 4 giờ làm việc, báo lãnh đạo sau 4 giờ nữa.",
            typeof(HandOverRemindersJob), o => o.HandOverRemindersCron, nameof(JobsOptions.HandOverRemindersCron), MisfireHandlingMode.Ignorable),
        new(DailyDigestJob.JobName, "Bản tin việc hằng ngày", "Mỗi người nhận danh sách hồ sơ đến hạn hôm nay và quá hạn.",
            typeof(DailyDigestJob), o => o.DailyDigestCron, nameof(JobsOptions.DailyDigestCron), MisfireHandlingMode.Relaxed),
        new(MonthlySnapshotJob.JobName, "Chốt số liệu tháng", "Chốt báo cáo tháng trước cho cuộc họp trực báo (đã chốt thì giữ nguyên).",
            typeof(MonthlySnapshotJob), o => o.MonthlySnapshotCron, nameof(JobsOptions.MonthlySnapshotCron), MisfireHandlingMode.Relaxed),
        new(NotificationRetriesJob.JobName, "Gửi lại thông báo", "Gửi lại thư điện tử và webhook chưa gửi được khi đã hết thời gian chờ.",
            typeof(NotificationRetriesJob), o => o.NotificationRetriesCron, nameof(JobsOptions.NotificationRetriesCron), MisfireHandlingMode.Ignorable),
        new(RunHistoryPruningJob.JobName, "Dọn lịch sử chạy", "Xóa lịch sử chạy tác vụ cũ hơn số ngày giữ lại.",
            typeof(RunHistoryPruningJob), o => o.RunHistoryPruningCron, nameof(JobsOptions.RunHistoryPruningCron), MisfireHandlingMode.Relaxed),
    ];

    public static JobDefinition Find(string name) =>
        All.FirstOrDefault(j => j.Name == name) ?? throw new ArgumentException($"Không có tác vụ «{name}».", nameof(name));
}
