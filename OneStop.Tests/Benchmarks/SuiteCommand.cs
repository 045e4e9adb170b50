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
        ("fan-out", async log =>
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
        var summaries = BenchmarkRunner.Run(
            [typeof(OverviewBenchmarks), typeof(QueueBenchmarks), typeof(SweepBenchmarks), typeof(AppointmentBenchmarks)], config);
        var rows = new List<string[]>();
        rows.AddRange(BenchmarkRows(summaries));
        foreach (var (name, run) in harnesses)
        {
            log.WriteLine($"== {name} ==");
            rows.AddRange(run(log).GetAwaiter().GetResult());
        }

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
