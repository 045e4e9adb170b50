using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OneStop.Benchmarks;

/// <summary>
/// `suite`: every measurement of issue 9 in one run, side by side: the BenchmarkDotNet benchmarks (overview and queue
/// against their SQL floors, the sweep quiet and busy, a million appointments), then the load harnesses (live fan-out;
/// ingestion when <see cref="Harnesses"/> has it), and one Markdown table of figures against targets, printed and
/// written to the artifacts folder for the README.
/// </summary>
public static class SuiteCommand
{
    /// <summary>The load harnesses run after the benchmarks: name → (run, table rows).</summary>
    public static readonly List<(string Name, Func<TextWriter, Task<IReadOnlyList<string[]>>> Run)> Harnesses =
    [
        ("ingestion", async log =>
        {
            // Whole lifecycles (a PUT and four events each) through the service the /api/v1 endpoints call, on a fresh file.
            var file = Program.FreshFile(50_000, out var now);
            try
            {
                await IngestionLoad.IngestAsync(file, now, 200, workers: 1, log); // warm-up: JIT and EF's query cache, as a running server has them
                var one = await IngestionLoad.IngestAsync(file, now, 1_000, workers: 1, log);
                var four = await IngestionLoad.IngestAsync(file, now, 1_000, workers: 4, log);
                var (import, _) = await IngestionLoad.ImportAsync(file, now, 100_000, log);
                log.WriteLine($"{one}\n{four}\n{import}");
                return
                [
                    ["Ingestion, 1 caller: dossiers/s with 4 events each", $"{one.DossiersPerSecond:n0}/s ({one.Dossiers / one.CpuTime.TotalSeconds:n0} per CPU second)", "", "",
                        Verdict(one.DossiersPerSecond >= 500, "≥ 500/s")],
                    ["Ingestion, 4 callers", $"{four.DossiersPerSecond:n0}/s", "", "", Verdict(four.DossiersPerSecond >= 500, "≥ 500/s")],
                    ["CSV import of 100,000 rows", $"{import.Elapsed.TotalSeconds:n1} s ({import.DossiersPerSecond:n0} rows/s)", "", "",
                        Verdict(import.Elapsed.TotalSeconds < 60, "< 1 min")],
                ];
            }
            finally { Program.DeleteFresh(file); }
        }),
        (FanOut, async log =>
        {
            var r = await FanOutCommand.RunAsync(100, 20, log);
            log.WriteLine(r.Describe());
            return
            [
                ["Live fan-out, 100 circuits: commit → screen p50", Ms(r.P50), "", "", "—"],
                ["Live fan-out, 100 circuits: commit → screen p95", Ms(r.P95), "", "", Verdict(r.P95 < 1000, "< 1 s")],
                ["Server memory with 100 circuits (resident)", $"{r.WithAll.ResidentBytes / 1048576.0:n0} MB", "", "",
                    Verdict(r.WithAll.ResidentBytes < 300L * 1048576, "< 300 MB")],
                ["Server memory per circuit (resident / managed)", $"{r.ResidentBytesPerCircuit / 1024:n0} KB / {r.ManagedBytesPerCircuit / 1024:n0} KB", "", "", "—"],
            ];
        }),
    ];

    public static int Run(IConfig config, TextWriter log) => Run(config, log, Harnesses);

    public static int Run(IConfig config, TextWriter log, IEnumerable<(string Name, Func<TextWriter, Task<IReadOnlyList<string[]>>> Run)> harnesses)
    {
        // The harnesses that measure this process's memory run first, while it is fresh: BenchmarkDotNet's runs over the
        // million-dossier file and the ingestion load leave heaps and caches behind that would be counted as the server's.
        var all = harnesses.ToList();
        var first = all.Where(h => h.Name == FanOut).ToList();
        var rows = new List<string[]>();
        foreach (var (name, run) in first) rows.AddRange(RunHarness(name, run, log));
        var summaries = BenchmarkRunner.Run(
            [typeof(OverviewBenchmarks), typeof(QueueBenchmarks), typeof(SweepBenchmarks), typeof(AppointmentBenchmarks)], config);
        rows.InsertRange(0, BenchmarkRows(summaries));
        foreach (var (name, run) in all.Except(first)) rows.AddRange(RunHarness(name, run, log));

        var table = new StringBuilder();
        var scale = BenchmarkScale.Current;
        table.AppendLine($"Measured {DateTime.Now:yyyy-MM-dd} on {Environment.ProcessorCount} cores, " +
                         $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:n0} GiB; data: {scale.Dossiers:n0} dossiers, {scale.Open:n0} open, {scale.Years} years.");
        table.AppendLine();
        table.AppendLine("| Measurement | Median | Floor (hand-written SQL) | Ratio | Target |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var r in rows) table.AppendLine("| " + string.Join(" | ", r) + " |");
        Console.WriteLine();
        Console.WriteLine(table);
        var file = Path.Combine(config.ArtifactsPath ?? "BenchmarkDotNet.Artifacts", "performance.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, table.ToString());
        log.WriteLine($"Written to {Path.GetFullPath(file)}");
        return 0;
    }

    private const string FanOut = "fan-out";

    private static IReadOnlyList<string[]> RunHarness(string name, Func<TextWriter, Task<IReadOnlyList<string[]>>> run, TextWriter log)
    {
        log.WriteLine($"== {name} ==");
        return run(log).GetAwaiter().GetResult();
    }

    private static IEnumerable<string[]> BenchmarkRows(Summary[] summaries)
    {
        var reports = summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null).ToList();
        double? Median(string typeName, string method, Func<BenchmarkReport, bool>? where = null) =>
            reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Type.Name == typeName && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                                        && (where?.Invoke(r) ?? true))?.ResultStatistics!.Median / 1e6;

        var overview = Median(nameof(OverviewBenchmarks), nameof(OverviewBenchmarks.SnapshotQuery));
        var overviewFloor = Median(nameof(OverviewBenchmarks), nameof(OverviewBenchmarks.HandWrittenSql));
        yield return ["Overview snapshot", Ms(overview), Ms(overviewFloor), Ratio(overview, overviewFloor),
            Verdict(overview < 50 && overview <= 1.5 * overviewFloor, "< 50 ms and ≤ 1.5 × floor")];

        var queue = Median(nameof(QueueBenchmarks), nameof(QueueBenchmarks.QueueQuery));
        var queueFloor = Median(nameof(QueueBenchmarks), nameof(QueueBenchmarks.HandWrittenSql));
        yield return ["Busiest department's queue", Ms(queue), Ms(queueFloor), Ratio(queue, queueFloor), "—"];

        foreach (var changed in SweepBenchmarks.ChangedCounts)
        {
            var sweep = Median(nameof(SweepBenchmarks), nameof(SweepBenchmarks.Sweep),
                r => r.BenchmarkCase.Parameters.Items.Any(p => p.Name == nameof(SweepBenchmarks.Changed) && (int)p.Value == changed));
            yield return [$"Deadline sweep, {changed:n0} of {BenchmarkScale.Current.Open:n0} open changed", Ms(sweep), "", "",
                Verdict(sweep < 500, "< 500 ms")];
        }

        var million = Median(nameof(AppointmentBenchmarks), nameof(AppointmentBenchmarks.MillionAppointments));
        // OperationsPerInvoke: the median is per appointment; a million of them:
        var total = million * AppointmentBenchmarks.Count;
        yield return ["1,000,000 appointments", Ms(total), "", "", Verdict(total < 1000, "< 1 s")];
    }

    public static string Ms(double? ms) => ms is { } v ? v.ToString(v < 10 ? "0.00" : "n0", CultureInfo.InvariantCulture) + " ms" : "—";
    private static string Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? (x / y).ToString("0.00", CultureInfo.InvariantCulture) : "—";
    public static string Verdict(bool? met, string target) => met switch { true => $"{target}: met", false => $"{target}: **not met**", null => target };
}
