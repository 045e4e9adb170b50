namespace OneStop.Jobs;

/// <summary>
/// OneStop:Jobs in appsettings.json: where the Hangfire server runs, its job store, and when each job fires.
/// Schedules are cron expressions read in Vietnam time (Asia/Ho_Chi_Minh): five fields, or six with seconds first.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "OneStop:Jobs";

    /// <summary>Run the Hangfire server in this process. False: this process only reads and edits the schedule (the jobs page) in the shared store; another one runs the jobs.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The job store, a SQLite file of its own: "Data Source=…" or a path. Unless set: beside the app's database, onestop.db → onestop.jobs.db.</summary>
    public string? StoreConnectionString { get; set; }

    public string DeadlineSweepCron { get; set; } = "* * * * *";
    /// <summary>Half a minute after the sweep, so the two never start together.</summary>
    public string HandOverRemindersCron { get; set; } = "30 * * * * *";
    public string DailyDigestCron { get; set; } = "30 7 * * 1-5";
    /// <summary>01:00 on the 1st of each month: freeze the previous month's review.</summary>
    public string MonthlySnapshotCron { get; set; } = "0 1 1 * *";
    /// <summary>The retry net of notification delivery: e-mail and webhook rows whose back-off has run out.</summary>
    public string NotificationRetriesCron { get; set; } = "15 * * * * *";
    public string RunHistoryPruningCron { get; set; } = "0 2 * * *";

    /// <summary>Run the deadline sweep once when the server starts, over every open dossier: that catches up any downtime.</summary>
    public bool CatchUpOnStart { get; set; } = true;

    /// <summary>How often the server looks for recurring jobs that are due (Hangfire's default is 15 s; 1 s keeps a minute job within about a second of its minute).</summary>
    public double SchedulePollingSeconds { get; set; } = 1;
    /// <summary>How often an idle worker looks at the queue (the SQLite store has no push).</summary>
    public double QueuePollSeconds { get; set; } = 1;
    public int WorkerCount { get; set; } = 2;
    /// <summary>A job fetched and not finished after this long is fetched again (the SQLite store has no sliding timeout): keep jobs shorter.</summary>
    public double InvisibilityTimeoutMinutes { get; set; } = 30;

    /// <summary>A failed run is retried this many times, after these delays (the last one repeats), then shown as failed.</summary>
    public int RetryAttempts { get; set; } = 3;
    public int[] RetryDelaysSeconds { get; set; } = [10, 60, 300];
}
