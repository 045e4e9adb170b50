using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Data.Sqlite;
using OneStop.Benchmarks;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Persistence.Demo;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Integration;

/// <summary>
/// The overview benchmarks on a tiny generated data set (2,000 dossiers, 100 open). Timings are not asserted
/// here (shared, noisy machines: README, Performance); but every benchmark runs, so that none rots, and the
/// hand-written SQL floor must give exactly the figures of <see cref="OverviewSnapshotQuery"/>: that is what
/// makes the ratio between them mean something.
/// </summary>
[Collection(BenchmarkStatics.Name)]
public sealed class OverviewBenchmarkSmokeTests(OverviewBenchmarkSmokeTests.TinyData data) : IClassFixture<OverviewBenchmarkSmokeTests.TinyData>
{
    public sealed class TinyData : IDisposable
    {
        public static readonly ScaleDataOptions Options = new(2_000, 100, 1, ScaleDataGenerator.DefaultNowUtc);
        public TempFolder Folder { get; } = new();
        public string File { get; }
        public ScaleDataSummary Summary { get; }

        public TinyData()
        {
            File = Folder.File("tiny.db");
            Summary = BenchmarkData.Generate(Options, File);
        }

        public void Dispose() => Folder.Dispose();

        /// <summary>
        /// Runs <paramref name="run"/> as the README's commands would, on this data set: the benchmarks' data set and
        /// cache folder point at a copy of the tiny file in the folder <paramref name="name"/>, BenchmarkDotNet's one-shot
        /// job runs in process with nothing logged (artifacts in <paramref name="name"/>/artifacts); the statics are restored after.
        /// </summary>
        public T WithBenchmarkDotNet<T>(string name, Func<IConfig, T> run)
        {
            var (scale, cache) = (BenchmarkScale.Current, BenchmarkData.CacheFolderOverride);
            var folder = Folder.File(name);
            Directory.CreateDirectory(folder);
            BenchmarkScale.Current = Options;
            BenchmarkData.CacheFolderOverride = folder;
            System.IO.File.Copy(File, BenchmarkData.CachedFile(Options), overwrite: true);
            try
            {
                return run(ManualConfig.CreateEmpty()
                    .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
                    .AddLogger(NullLogger.Instance)
                    .WithArtifactsPath(Path.Combine(folder, "artifacts"))
                    .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile));
            }
            finally
            {
                (BenchmarkScale.Current, BenchmarkData.CacheFolderOverride) = (scale, cache);
            }
        }

        /// <summary>Every benchmark case of the runs succeeded, <paramref name="cases"/> of them.</summary>
        public static void AssertAllRan(IEnumerable<BenchmarkDotNet.Reports.Summary> summaries, int cases)
        {
            var all = summaries.ToList();
            Assert.All(all, s => Assert.False(s.HasCriticalValidationErrors, string.Join("; ", s.ValidationErrors.Select(e => e.Message))));
            var reports = all.SelectMany(s => s.Reports).ToList();
            Assert.Equal(cases, reports.Count);
            Assert.All(reports, r => Assert.True(r.Success, $"{r.BenchmarkCase.DisplayInfo} failed"));
        }
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [Fact]
    public void The_generator_writes_exactly_the_dossiers_asked_for_and_nothing_after_now()
    {
        Assert.Equal((2_000, 100), (data.Summary.Dossiers, data.Summary.Open));
        using var connection = new SqliteConnection(BenchmarkData.ConnectionString(data.File));
        connection.Open();
        long Count(string where)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"Dossiers\" WHERE {where}";
            command.Parameters.AddWithValue("$now", TinyData.Options.NowUtc);
            return (long)command.ExecuteScalar()!;
        }
        Assert.Equal(2_000, Count("1"));
        Assert.Equal(100, Count("\"Status\" IN ('Received','InProgress','WaitingSupplement','ResultReady')"));
        Assert.Equal(0, Count("\"ReceivedAt\" > $now OR \"CompletedAt\" > $now OR \"ReturnedAt\" > $now OR \"StepEnteredAt\" > $now"));
        Assert.Equal(0, Count("\"CompletedAt\" < \"ReceivedAt\" OR \"ReturnedAt\" < \"CompletedAt\""));
        Assert.Equal(0, Count("\"Status\" IN ('Returned','Refused','Withdrawn') AND (\"CompletedAt\" IS NULL OR \"CurrentHandlerId\" IS NOT NULL)"));
        Assert.Equal(0, Count("\"Status\" = 'Returned' AND (\"Outcome\" IS NULL OR \"ReturnedAt\" IS NULL)"));
    }

    [Fact]
    public async Task Each_overview_benchmark_runs_once()
    {
        var benchmarks = new OverviewBenchmarks();
        benchmarks.UseData(data.File, TinyData.Options);
        benchmarks.Setup();
        try
        {
            Assert.False((await benchmarks.HandWrittenSql()).IsEmpty);
            Assert.False((await benchmarks.SnapshotQuery()).IsEmpty);
        }
        finally { benchmarks.Cleanup(); }
    }

    [Fact]
    public async Task The_hand_written_sql_floor_gives_the_same_figures_as_the_snapshot_query()
    {
        var benchmarks = new OverviewBenchmarks();
        benchmarks.UseData(data.File, TinyData.Options);
        benchmarks.Setup();
        try
        {
            var floor = await benchmarks.HandWrittenSql();
            var snapshot = await benchmarks.SnapshotQuery();

            // The tiny data set exercises every figure, so that agreeing on them means something.
            var t = snapshot.Tiles;
            Assert.Equal(100, t.Open);
            Assert.All(new[] { t.ReceivedToday, t.DueSoon, t.Overdue, t.Early, t.OnTime, t.Late, t.ReceivedThisMonth, t.ReceivedOnlineThisMonth, t.ReturnedByPostThisMonth },
                figure => Assert.True(figure > 0));
            Assert.Equal(OverviewSnapshotQuery.AtRiskLimit, snapshot.AtRisk.Count);
            Assert.Contains(snapshot.Departments, d => d.OldestWaiting is not null);
            Assert.Contains(snapshot.OnTimeTrend, d => d.Resolved > 0);

            Assert.Equal(JsonSerializer.Serialize(snapshot, Json), JsonSerializer.Serialize(floor, Json));
        }
        finally { benchmarks.Cleanup(); }
    }

    [Fact]
    public void BenchmarkDotNet_itself_runs_the_overview_benchmarks()
    {
        // What the README's command runs, with BenchmarkDotNet's one-shot job on the tiny data set: it catches a
        // broken config, parameter source, setup or cleanup, which calling the methods directly would not.
        TinyData.AssertAllRan([data.WithBenchmarkDotNet("overview-bdn", c => BenchmarkRunner.Run<OverviewBenchmarks>(c))], cases: 2);
    }
}
