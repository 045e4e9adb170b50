namespace OneStop.Jobs;

/// <summary>OneStop:Jobs in appsettings.json: where the scheduler runs and when each job fires (Quartz cron, Vietnam time).</summary>
public sealed class JobsOptions
{
    public const string Section = "OneStop:Jobs";
    /// <summary>Run the scheduler in this process. False: this process only reads and edits the schedule (the jobs page), another one runs it.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The Quartz job store, a SQLite file beside the app's database unless set.</summary>
    public string? StoreConnectionString { get; set; }
    public string DeadlineSweepCron { get; set; } = "0 * * * * ?";
    public string HandOverRemindersCron { get; set; } = "30 * * * * ?";
    public string DailyDigestCron { get; set; } = "0 30 7 ? * MON-FRI";
    /// <summary>01:00 on the 1st of each month: freeze the previous month's review.</summary>
    public string MonthlySnapshotCron { get; set; } = "0 0 1 1 * ?";
    /// <summary>Run the deadline sweep once when the scheduler starts (it is state-based: that catches up any downtime).</summary>
    public bool CatchUpOnStart { get; set; } = true;
    /// <summary>How often an idle scheduler looks at the store for triggers written by another process ("run now" from a web node).</summary>
    public double IdleWaitSeconds { get; set; } = 30;
}

/// <summary>A job as the jobs page lists it.</summary>
public sealed record JobDefinition(string Name, string Title, string Description, Type Type, Func<JobsOptions, string> Cron);

public static class JobCatalog
{
    public static readonly IReadOnlyList<JobDefinition> All =
    [
        new(DeadlineSweepJob.JobName, "Rà soát thời hạn", "Phân loại hồ sơ trong hạn / sắp đến hạn / quá hạn và báo theo thang nhắc việc.", typeof(DeadlineSweepJob), o => o.DeadlineSweepCron),
        new(HandOverRemindersJob.JobName, "Nhắc việc chuyển hồ sơ", "Báo ngay người nhận hồ sơ; nhắc khi chưa xử lý sau 4 giờ làm việc, báo lãnh đạo sau 4 giờ nữa.", typeof(HandOverRemindersJob), o => o.HandOverRemindersCron),
        new(DailyDigestJob.JobName, "Bản tin việc hằng ngày", "07:30 ngày làm việc: mỗi người nhận danh sách hồ sơ đến hạn hôm nay và quá hạn.", typeof(DailyDigestJob), o => o.DailyDigestCron),
        new(MonthlySnapshotJob.JobName, "Chốt số liệu tháng", "01:00 ngày 1 hằng tháng: chốt báo cáo tháng trước cho cuộc họp trực báo (đã chốt thì giữ nguyên).", typeof(MonthlySnapshotJob), o => o.MonthlySnapshotCron),
    ];
}
