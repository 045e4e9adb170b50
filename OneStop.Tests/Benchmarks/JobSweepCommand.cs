using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneStop.Domain;
using OneStop.Domain.Persistence.Demo;
using OneStop.Jobs;

namespace OneStop.Benchmarks;

/// <summary>
/// The deadline sweep as the scheduler runs it, not as a bare method call: the app's job host over the settled large
/// database, "run now" through the jobs page's service, timed from the run's own JobRun row (start to finish) and from
/// the request to the start. 0, 1% and 5% of the open dossiers put back first, as <see cref="SweepBenchmarks"/> does.
/// It uses only what both schedulers offer (JobsPage.RunNowAsync and the JobRuns table), so the same command measures
/// Quartz and Hangfire.
/// </summary>
public static class JobSweepCommand
{
    public static int Run(ScaleDataOptions options, int runs, TextWriter output)
    {
        BenchmarkScale.Current = options;
        var folder = Path.Combine(Path.GetTempPath(), "onestop-job-sweep-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var changed in SweepBenchmarks.ChangedCounts)
            {
                var bench = new SweepBenchmarks { Changed = changed };
                bench.Setup();
                var settled = Path.ChangeExtension(BenchmarkData.CachedFile(options), ".swept.db");
                try
                {
                    using var host = BuildHost(settled, folder, options.NowUtc);
                    host.Start();
                    var page = host.Services.GetRequiredService<JobsPage>();
                    var durations = new List<double>();
                    var waits = new List<double>();
                    for (var i = 0; i <= runs; i++)
                    {
                        bench.PutBack();
                        var (ms, wait, moved) = RunOnce(page, settled);
                        if (moved != changed) output.WriteLine($"  note: run {i} moved {moved}, expected {changed}");
                        if (i == 0) continue; // warm-up
                        durations.Add(ms);
                        waits.Add(wait);
                    }
                    host.StopAsync().GetAwaiter().GetResult();
                    output.WriteLine($"job sweep, {changed,5} changed: median {Median(durations):n1} ms (min {durations.Min():n1}, max {durations.Max():n1}), " +
                                     $"request to start median {Median(waits):n1} ms, {runs} runs");
                }
                finally { bench.Cleanup(); }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
        return 0;
    }

    private static (double Ms, double WaitMs, int Moved) RunOnce(JobsPage page, string file)
    {
        using var db = new SqliteConnection(BenchmarkData.ConnectionString(file));
        db.Open();
        var before = Scalar(db, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"JobRuns\"");
        var asked = DateTime.UtcNow;
        page.RunNowAsync(DeadlineSweepJob.JobName).GetAwaiter().GetResult();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(5); Thread.Sleep(20))
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT \"StartedAt\", \"FinishedAt\", \"ItemsHandled\", \"Outcome\", \"Error\" FROM \"JobRuns\" WHERE \"Id\" > $id AND \"FinishedAt\" IS NOT NULL";
            cmd.Parameters.AddWithValue("$id", before);
            using var r = cmd.ExecuteReader();
            if (!r.Read()) continue;
            if (r.GetString(3) != "Succeeded") throw new InvalidOperationException("The sweep failed: " + (r.IsDBNull(4) ? "" : r.GetString(4)));
            var started = r.GetDateTime(0);
            var finished = r.GetDateTime(1);
            return ((finished - started).TotalMilliseconds, Math.Max(0, (started - Clock.Origin - (asked - Clock.RealOrigin)).TotalMilliseconds), r.GetInt32(2));
        }
        throw new TimeoutException("The sweep did not finish within 5 minutes.");
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    private static double Median(List<double> xs) => Medians.Of(xs);

    private static IHost BuildHost(string database, string folder, DateTime nowUtc)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, DisableDefaults = true });
        const string never = "0 0 0 1 1 ?"; // midnight on 1 January: nothing fires on its own while we measure
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:OneStop"] = BenchmarkData.ConnectionString(database),
            ["OneStop:Demo:Enabled"] = "false",
            ["OneStop:Jobs:Enabled"] = "true",
            ["OneStop:Jobs:CatchUpOnStart"] = "false",
            ["OneStop:Jobs:StoreConnectionString"] = "Data Source=" + Path.Combine(folder, "jobs.db"),
            ["OneStop:Jobs:DeadlineSweepCron"] = never,
            ["OneStop:Jobs:HandOverRemindersCron"] = never,
            ["OneStop:Jobs:DailyDigestCron"] = never,
            ["OneStop:Jobs:MonthlySnapshotCron"] = never,
        });
        builder.Services.AddOneStopDomain(builder.Configuration, BenchmarkData.ConnectionString(database));
        Clock.Start(nowUtc);
        builder.Services.AddSingleton<TimeProvider>(Clock.Instance);
        builder.Services.AddOneStopJobs(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The benchmark's "now", moving with real time, so that a JobRun's start and finish give its real duration.</summary>
    private sealed class Clock : TimeProvider
    {
        public static Clock Instance { get; } = new();
        public static DateTime Origin { get; private set; }
        public static DateTime RealOrigin { get; private set; }
        private static readonly Stopwatch Elapsed = new();
        public static void Start(DateTime origin)
        {
            if (Elapsed.IsRunning) return;
            (Origin, RealOrigin) = (DateTime.SpecifyKind(origin, DateTimeKind.Utc), DateTime.UtcNow);
            Elapsed.Start();
        }
        public override DateTimeOffset GetUtcNow() => new(Origin + Elapsed.Elapsed, TimeSpan.Zero);
    }
}
