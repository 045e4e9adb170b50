using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OneStop.Benchmarks;

namespace OneStop.Tests.Integration;

/// <summary>The benchmarks set process-wide statics (the data set, the cache folder): their smoke tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BenchmarkStatics
{
    public const string Name = "Benchmark statics";
}

/// <summary>
/// The README's one command (`suite`) on the tiny data set with BenchmarkDotNet's one-shot job and no load harness:
/// every measurement lands in the table with a figure, not a dash.
/// </summary>
[Collection(BenchmarkStatics.Name)]
public sealed class BenchmarkSuiteSmokeTests(OverviewBenchmarkSmokeTests.TinyData data) : IClassFixture<OverviewBenchmarkSmokeTests.TinyData>
{
    [Fact]
    public void The_suite_fills_its_table()
    {
        string[] harnessRow = ["A harness", "1 ms", "", "", "—"];
        Assert.Equal(0, data.WithBenchmarkDotNet("suite", config =>
            SuiteCommand.Run(config, TextWriter.Null, [("fake", _ => Task.FromResult<IReadOnlyList<string[]>>([harnessRow]))])));

        var table = File.ReadAllLines(Path.Combine(data.Folder.File("suite"), "artifacts", "performance.md"));
        var rows = table.Where(l => l.StartsWith("| ") && !l.StartsWith("| Measurement")).ToList();
        Assert.Equal(1 + 1 + 3 + 1 + 1, rows.Count); // overview, queue, three sweeps, appointments, the harness
        foreach (var row in rows.Take(6))
            Assert.Matches(@"^\| [^|]+ \| [0-9.,]+ ms \|", row);
        Assert.Contains(rows, r => r.StartsWith("| Overview snapshot |") && r.Split('|')[3].Trim().EndsWith("ms"));
        Assert.Contains(rows, r => r.StartsWith("| A harness |"));
    }
}
