using OneStop.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Jobs;
using OneStop.Tests.Deadlines;

namespace OneStop.Tests.Jobs;

/// <summary>
/// The job store is disposable: a damaged file, or the Quartz store of the previous version, is moved aside at start and
/// a new one made, the recurring jobs come back from code and the sweep carries on from the dossiers' own state. Exactly one
/// process may run a server on it. All on real Hangfire.Storage.SQLite files.
/// </summary>
[Trait(TestDatabase.ProvidersTrait, TestDatabase.SqliteOnly)] // Hangfire.Storage.SQLite's job file (PostgreSQL keeps the jobs in its hangfire schema)
public sealed class JobStoreTests : IDisposable
{
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    private string StoreFile => Path.Combine(_k.F.Folder, "workflow.jobs.db");
    private Microsoft.Extensions.Hosting.IHost Host(IReadOnlyDictionary<string, string?>? settings = null) =>
        JobsTestHost.Build(_k.F.Folder, _k.F.DatabaseFile, _k.F.Clock, settings: settings);

    private async Task<List<Dossier>> TenAtOfficerAsync()
    {
        _k.At(2026, 11, 23, 9); // 5 working days: due Monday 30/11 09:00
        var list = new List<Dossier>();
        for (var i = 0; i < 10; i++) list.Add(await _k.AtOfficerAsync());
        return list;
    }

    private static async Task<int> SweepNowAsync(IServiceProvider services)
    {
        var before = (await JobsTestHost.RunsAsync(services, DeadlineSweepJob.JobName)).Count;
        await services.GetRequiredService<JobsPage>().RunNowAsync(DeadlineSweepJob.JobName);
        var runs = await JobsTestHost.FinishedRunsAsync(services, DeadlineSweepJob.JobName, before + 1);
        var run = runs[^1];
        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        Assert.Equal("manual", run.Trigger);
        return run.ItemsHandled;
    }

    /// <summary>Garbage over the b-tree header of every page but the first, as a torn write or a bad disk would leave them.</summary>
    private static void CorruptPages(string file)
    {
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(file);
        var pageSize = (bytes[16] << 8) | bytes[17];
        Assert.True(bytes.Length >= 3 * pageSize, "the job store should have a few pages");
        var noise = new Random(14);
        for (var page = pageSize; page + 64 <= bytes.Length; page += pageSize)
            for (var i = 0; i < 64; i++) bytes[page + i] = (byte)noise.Next(256);
        File.WriteAllBytes(file, bytes);
    }

    [Fact]
    public async Task A_corrupt_job_file_is_moved_aside_the_app_starts_and_the_next_sweeps_fire_each_rung_once()
    {
        var dossiers = await TenAtOfficerAsync();
        _k.At(2026, 11, 27, 14); // Friday afternoon: under a working day left, all ten due soon
        using (var first = Host())
        {
            await first.StartAsync();
            Assert.Equal(10, await SweepNowAsync(first.Services));
            await first.StopAsync();
        }
        Assert.True(File.Exists(StoreFile));
        CorruptPages(StoreFile);

        _k.At(2026, 11, 30, 10); // Monday, an hour past the appointment: overdue
        using var second = Host();
        await second.StartAsync();
        try
        {
            var aside = Assert.Single(Directory.GetFiles(_k.F.Folder, "workflow.jobs.corrupt-*.db"));
            Assert.NotEqual(0, new FileInfo(aside).Length); // kept for inspection
            using (var connection = second.Services.GetRequiredService<JobStorage>().GetConnection())
                Assert.Equal(JobCatalog.All.Count, connection.GetRecurringJobs().Count); // declared again from code

            Assert.Equal(10, await SweepNowAsync(second.Services));
            Assert.Equal(0, await SweepNowAsync(second.Services));
        }
        finally { await second.StopAsync(); }

        await using var db = _k.F.Db();
        foreach (var d in dossiers)
        {
            var now = await db.Dossiers.AsNoTracking().SingleAsync(x => x.Id == d.Id);
            Assert.Equal(DeadlineClass.Overdue, now.DeadlineClass);
            Assert.Equal(2, await db.DossierEvents.CountAsync(e => e.DossierId == d.Id && e.Type == DossierEventType.Escalated)); // due soon, then overdue
            var kinds = await db.Notifications.Where(n => n.DossierId == d.Id).Select(n => n.Kind).ToListAsync();
            Assert.Equal(2, kinds.Count);
            Assert.Equal(2, kinds.Distinct().Count());
        }
    }

    [Fact]
    public async Task The_Quartz_job_store_of_the_previous_version_is_left_behind_intact()
    {
        await TenAtOfficerAsync();
        // Today's main keeps Quartz's tables in this same file name.
        using (var quartz = new SqliteConnection($"Data Source={StoreFile};Pooling=False"))
        {
            quartz.Open();
            using var cmd = quartz.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE QRTZ_LOCKS (SCHED_NAME NVARCHAR(120) NOT NULL, LOCK_NAME NVARCHAR(40) NOT NULL, PRIMARY KEY (SCHED_NAME, LOCK_NAME));
                INSERT INTO QRTZ_LOCKS VALUES ('OneStop-ABC', 'TRIGGER_ACCESS');
                CREATE TABLE QRTZ_JOB_DETAILS (SCHED_NAME NVARCHAR(120) NOT NULL, JOB_NAME NVARCHAR(150) NOT NULL, JOB_GROUP NVARCHAR(150) NOT NULL);
                INSERT INTO QRTZ_JOB_DETAILS VALUES ('OneStop-ABC', 'deadline-sweep', 'DEFAULT');
                """;
            cmd.ExecuteNonQuery();
        }

        _k.At(2026, 11, 30, 10);
        using var host = Host(new Dictionary<string, string?> { ["OneStop:Jobs:CatchUpOnStart"] = "true" });
        await host.StartAsync();
        try
        {
            var catchUp = Assert.Single(await JobsTestHost.FinishedRunsAsync(host.Services, DeadlineSweepJob.JobName));
            Assert.Equal("catch-up", catchUp.Trigger);
            Assert.Equal(JobRunOutcome.Succeeded, catchUp.Outcome);
            Assert.Equal(10, catchUp.ItemsHandled);
        }
        finally { await host.StopAsync(); }

        var aside = Assert.Single(Directory.GetFiles(_k.F.Folder, "workflow.jobs.quartz-*.db"));
        using var old = new SqliteConnection($"Data Source={aside};Mode=ReadOnly;Pooling=False");
        old.Open();
        using var read = old.CreateCommand();
        read.CommandText = "SELECT JOB_NAME FROM QRTZ_JOB_DETAILS";
        Assert.Equal("deadline-sweep", read.ExecuteScalar());
        using var store = new SqliteConnection($"Data Source={StoreFile};Mode=ReadOnly;Pooling=False");
        store.Open();
        using var tables = store.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'QRTZ%'";
        Assert.Equal(0L, tables.ExecuteScalar());
    }

    [Fact]
    public async Task A_second_server_on_the_same_store_is_refused_with_a_clear_message_and_a_web_node_is_not()
    {
        using var jobs = Host();
        await jobs.StartAsync();
        try
        {
            using var second = Host();
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());
            Assert.Contains("Another process already runs the Hangfire server", refused.Message);
            Assert.Contains("OneStop:Jobs:Enabled=false", refused.Message);

            using var web = Host(new Dictionary<string, string?> { ["OneStop:Jobs:Enabled"] = "false" });
            await web.StartAsync();
            Assert.False(web.Services.GetRequiredService<JobsPage>().SchedulerRunsHere);
            await web.StopAsync();
        }
        finally { await jobs.StopAsync(); }
        jobs.Dispose();

        // The lock goes with the server: the next one starts.
        using var next = Host();
        await next.StartAsync();
        await next.StopAsync();
    }

    [Fact]
    public async Task A_pause_outlives_a_restart_and_a_store_made_anew_starts_with_nothing_paused()
    {
        var every = new Dictionary<string, string?> { ["OneStop:Jobs:HandOverRemindersCron"] = "30 * * * * *" };
        using (var first = Host(every))
        {
            await first.StartAsync();
            await first.Services.GetRequiredService<JobsPage>().PauseAsync(HandOverRemindersJob.JobName);
            await first.StopAsync();
        }
        using (var second = Host(every))
        {
            await second.StartAsync(); // declares every job again from code
            var reminders = (await second.Services.GetRequiredService<JobsPage>().ListAsync()).Single(j => j.Name == HandOverRemindersJob.JobName);
            Assert.True(reminders.Paused);
            Assert.Null(reminders.NextFire);
            using (var connection = second.Services.GetRequiredService<JobStorage>().GetConnection())
                Assert.Equal(Cron.Never(), connection.GetRecurringJobs([HandOverRemindersJob.JobName]).Single().Cron);
            await second.StopAsync();
        }
        CorruptPages(StoreFile);
        using var third = Host(every);
        await third.StartAsync();
        var fresh = (await third.Services.GetRequiredService<JobsPage>().ListAsync()).Single(j => j.Name == HandOverRemindersJob.JobName);
        Assert.False(fresh.Paused);
        Assert.NotNull(fresh.NextFire);
        Assert.Equal("mỗi phút, giây thứ 30", fresh.Schedule);
        await third.StopAsync();
    }

    [Fact]
    public async Task A_schedule_that_is_not_cron_stops_the_start_and_names_the_setting()
    {
        using var host = Host(new Dictionary<string, string?> { ["OneStop:Jobs:DailyDigestCron"] = "7 giờ 30 sáng" });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("OneStop:Jobs:DailyDigestCron", e.Message);
        Assert.Contains("«7 giờ 30 sáng»", e.Message);
    }

    [Theory]
    [InlineData("* * * * *", "mỗi phút")]
    [InlineData("0 * * * * ?", "mỗi phút")]
    [InlineData("30 * * * * *", "mỗi phút, giây thứ 30")]
    [InlineData("*/5 * * * *", "mỗi 5 phút")]
    [InlineData("30 7 * * 1-5", "07:30 các ngày làm việc")]
    [InlineData("0 30 7 ? * MON-FRI", "07:30 các ngày làm việc")]
    [InlineData("0 1 1 * *", "01:00 ngày 1 hằng tháng")]
    [InlineData("0 2 * * *", "02:00 hằng ngày")]
    [InlineData("0 0 31 2 *", "không bao giờ")]
    [InlineData("0 8 * * 6", "lịch cron «0 8 * * 6»")]
    public void Schedules_read_in_words(string cron, string words) => Assert.Equal(words, ScheduleWords.Describe(cron));
}
