using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using OneStop.Jobs;
using OneStop.Tests.Deadlines;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Jobs;

/// <summary>
/// Whatever Hangfire does with a job (a run missed while the app was down, a failure and its retries, a job fetched a
/// second time because its invisibility timeout passed), every rung of the escalation ladder fires once: one event, one
/// message. Real Hangfire servers over real job files; the domain on the test's clock.
/// </summary>
public sealed class HangfireExactlyOnceTests : IDisposable
{
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    private IHost Host(IReadOnlyDictionary<string, string?>? settings = null, IDossierChangeSink? sink = null) =>
        JobsTestHost.Build(_k.F.Folder, _k.F.ConnectionString, _k.F.Clock, sink, settings);

    private async Task<List<Dossier>> TenAtOfficerAsync()
    {
        _k.At(2026, 11, 23, 9); // due Monday 30/11 09:00
        var list = new List<Dossier>();
        for (var i = 0; i < 10; i++) list.Add(await _k.AtOfficerAsync());
        return list;
    }

    /// <summary>Each dossier overdue once: one Escalated event, one DeadlineClassChanged, one message to the leader.</summary>
    private async Task AssertEachOverdueOnceAsync(IEnumerable<Dossier> dossiers)
    {
        await using var db = _k.F.Db();
        foreach (var d in dossiers)
        {
            Assert.Equal(1, await db.DossierEvents.CountAsync(e => e.DossierId == d.Id && e.Type == DossierEventType.Escalated));
            Assert.Equal(1, await db.DossierEvents.CountAsync(e => e.DossierId == d.Id && e.Type == DossierEventType.DeadlineClassChanged));
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.DossierId == d.Id && n.Kind == NotificationKinds.Overdue));
        }
    }

    [Fact]
    public async Task Down_over_a_deadline_the_escalation_fires_once_on_catch_up()
    {
        var dossiers = await TenAtOfficerAsync();
        // Minute sweeps on the real clock: the store holds a next execution that the downtime will leave in the past.
        var settings = new Dictionary<string, string?> { ["OneStop:Jobs:CatchUpOnStart"] = "true", ["OneStop:Jobs:DeadlineSweepCron"] = "* * * * *" };
        _k.At(2026, 11, 26, 10); // Thursday: on track
        using (var before = Host(settings))
        {
            await before.StartAsync();
            Assert.Equal(0, (await JobsTestHost.FinishedRunsAsync(before.Services, DeadlineSweepJob.JobName))[0].ItemsHandled);
            await before.StopAsync();
            // The app was down for ten minutes of real time: its minute runs were missed.
            using var connection = before.Services.GetRequiredService<JobStorage>().GetConnection();
            using var tx = connection.CreateWriteTransaction();
            tx.SetRangeInHash($"recurring-job:{DeadlineSweepJob.JobName}", [new("NextExecution", JobHelper.SerializeDateTime(DateTime.UtcNow.AddMinutes(-10)))]);
            tx.Commit();
        }

        _k.At(2026, 11, 30, 10); // back on Monday, an hour after the appointment
        using var after = Host(settings);
        await after.StartAsync();
        try
        {
            // Wait for this start's own catch-up: the first start may have left two runs already (its catch-up and, as
            // Hangfire.PostgreSql does with a new recurring job, a first minute run), which a count alone would take.
            var monday = _k.F.Clock.GetUtcNow().UtcDateTime;
            var runs = await JobsTestHost.WaitForAsync(async () => await JobsTestHost.RunsAsync(after.Services, DeadlineSweepJob.JobName) is var all
                && all.Any(r => r.Trigger == "catch-up" && r.StartedAt == monday && r.Outcome != JobRunOutcome.Running) ? all : null, "the catch-up of the second start");
            var catchUp = Assert.Single(runs, r => r.Trigger == "catch-up" && r.StartedAt == monday);
            Assert.Equal(10, catchUp.ItemsHandled);
            // Whatever else ran since (a missed minute is Ignorable, the next minute may come), none moved anything more.
            await after.Services.GetRequiredService<JobsPage>().RunNowAsync(DeadlineSweepJob.JobName);
            runs = await JobsTestHost.FinishedRunsAsync(after.Services, DeadlineSweepJob.JobName, runs.Count + 1);
            Assert.Equal(10, runs.Sum(r => r.ItemsHandled)); // the first start's runs moved nothing
            Assert.All(runs, r => Assert.Equal(JobRunOutcome.Succeeded, r.Outcome));
        }
        finally { await after.StopAsync(); }
        await AssertEachOverdueOnceAsync(dossiers);
    }

    [Fact]
    public async Task A_job_that_throws_is_retried_then_shows_as_failed_with_its_exception_and_a_requeue_finishes_the_work()
    {
        var dossiers = await TenAtOfficerAsync();
        _k.At(2026, 11, 30, 10);
        await using (var db = _k.F.Db()) await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Dossiers\" RENAME TO \"DossiersAway\"");

        // What each engine says when the table is missing.
        var (exceptionType, missing) = TestDatabase.PostgreSql
            ? ("PostgresException", "relation \"Dossiers\" does not exist") : ("SqliteException", "no such table: Dossiers");
        using var host = Host(new Dictionary<string, string?> { ["OneStop:Jobs:RetryAttempts"] = "1" });
        await host.StartAsync();
        try
        {
            var jobId = host.Services.GetRequiredService<JobSchedule>().Trigger(DeadlineSweepJob.JobName);
            var monitoring = JobsTestHost.Monitoring(host.Services);
            var failed = await JobsTestHost.WaitForAsync(() => Task.FromResult(monitoring.FailedJobs(0, 10).FirstOrDefault(j => j.Key == jobId).Value),
                "the sweep to fail after its retry");
            Assert.Contains(exceptionType, failed.ExceptionType);
            Assert.Contains(missing, failed.ExceptionMessage);
            var states = monitoring.JobDetails(jobId).History.Select(h => h.StateName).Reverse().ToList(); // oldest first
            Assert.Equal(["Enqueued", "Processing", "Failed", "Scheduled", "Enqueued", "Processing", "Failed"], states); // one retry, then failed for good

            var runs = await JobsTestHost.RunsAsync(host.Services, DeadlineSweepJob.JobName);
            Assert.Equal(["manual", "retry"], runs.Select(r => r.Trigger));
            Assert.All(runs, r => Assert.Equal(JobRunOutcome.Failed, r.Outcome));
            Assert.All(runs, r => Assert.Contains(missing, r.Error));
            Assert.Equal("Failed", (await host.Services.GetRequiredService<JobsPage>().ListAsync()).Single(j => j.Name == DeadlineSweepJob.JobName).LastState);

            // The cause fixed, the admin requeues the failed job (as /hangfire does): it finishes the work, once.
            await using (var db = _k.F.Db()) await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"DossiersAway\" RENAME TO \"Dossiers\"");
            Assert.True(host.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId));
            runs = await JobsTestHost.FinishedRunsAsync(host.Services, DeadlineSweepJob.JobName, 3);
            Assert.Equal(JobRunOutcome.Succeeded, runs[2].Outcome);
            Assert.Equal(10, runs[2].ItemsHandled);
        }
        finally { await host.StopAsync(); }
        await AssertEachOverdueOnceAsync(dossiers);
    }

    /// <summary>
    /// A sweep held past its invisibility timeout. Hangfire.Storage.SQLite's timeout is fixed: the
    /// store hands the running sweep to the other worker, and the second run must send nothing the first already sent.
    /// Hangfire.PostgreSql runs with the sliding timeout: the live worker's heartbeat keeps its claim, so the job is
    /// never fetched twice however long it runs (only a dead node's job is handed on).
    /// </summary>
    [Fact]
    public async Task A_sweep_running_past_its_invisibility_timeout_sends_nothing_twice()
    {
        var dossiers = await TenAtOfficerAsync();
        _k.At(2026, 11, 30, 10);
        var gate = new GateSink();
        // About a second on SQLite; six on PostgreSQL, whose keep-alive beats at a fifth of the timeout and needs a margin
        // over a shared machine's scheduling hiccups.
        var timeout = TimeSpan.FromMinutes(TestDatabase.PostgreSql ? 0.1 : 0.02);
        using var host = Host(new Dictionary<string, string?>
        {
            ["OneStop:Jobs:InvisibilityTimeoutMinutes"] = timeout.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OneStop:Jobs:WorkerCount"] = "2",
        }, gate);
        await host.StartAsync();
        try
        {
            var jobId = host.Services.GetRequiredService<JobSchedule>().Trigger(DeadlineSweepJob.JobName)!;
            await JobsTestHost.WaitForAsync(async () => await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60)) ? "" : null, "the first batch to commit");
            var monitoring = JobsTestHost.Monitoring(host.Services);
            int Fetches() => monitoring.JobDetails(jobId).History.Count(h => h.StateName == "Processing");
            if (TestDatabase.PostgreSql)
            {
                await Task.Delay(timeout * 3); // three timeouts, fifteen keep-alives
                Assert.Equal(1, Fetches());
            }
            else
            {
                await JobsTestHost.WaitForAsync(() => Task.FromResult(Fetches() >= 2 ? "" : null), "the second fetch of the same job");
            }
            gate.Open.Set();

            var runs = await JobsTestHost.FinishedRunsAsync(host.Services, DeadlineSweepJob.JobName, TestDatabase.PostgreSql ? 1 : 2);
            Assert.Equal(10, runs.Sum(r => r.ItemsHandled));
            Assert.All(runs, r => Assert.Equal(JobRunOutcome.Succeeded, r.Outcome));
        }
        finally
        {
            gate.Open.Set();
            await host.StopAsync();
        }
        await AssertEachOverdueOnceAsync(dossiers);
    }

    /// <summary>Holds the sweep after its first commit (the first published change) until the test opens it.</summary>
    private sealed class GateSink : IDossierChangeSink
    {
        public TaskCompletionSource<bool> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ManualResetEventSlim Open { get; } = new();
        public void Publish(DossierChange change)
        {
            if (Reached.TrySetResult(true)) Open.Wait(TimeSpan.FromMinutes(2));
        }
    }
}
