using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OneStop.Benchmarks;

namespace OneStop.Tests.Integration;

/// <summary>
/// The sweep benchmark on the tiny data set: timings are not asserted (README, Performance), but it must run, and
/// each measured sweep must move exactly the dossiers its setup put back, or the "cost per change" it reports means nothing.
/// </summary>
[Collection(BenchmarkStatics.Name)]
public sealed class SweepBenchmarkSmokeTests(OverviewBenchmarkSmokeTests.TinyData data) : IClassFixture<OverviewBenchmarkSmokeTests.TinyData>
{
    [Fact]
    public async Task Each_sweep_moves_exactly_the_dossiers_put_back()
    {
        var copy = data.Folder.File("sweep-direct.db");
        File.Copy(data.File, copy, overwrite: true);
        foreach (var changed in new[] { 0, 3, 0, 5 })
        {
            var benchmarks = new SweepBenchmarks { Changed = changed };
            benchmarks.UseData(copy, OverviewBenchmarkSmokeTests.TinyData.Options);
            benchmarks.Setup();
            try
            {
                benchmarks.PutBack();
                Assert.Equal(changed, await benchmarks.Sweep());
                Assert.Equal(0, await benchmarks.Sweep()); // and then the minute is quiet
            }
            finally { benchmarks.Cleanup(); }
        }
    }

    [Fact]
    public void BenchmarkDotNet_itself_runs_the_sweep_benchmarks()
    {
        // 0, 1% and 5% changed.
        OverviewBenchmarkSmokeTests.TinyData.AssertAllRan([data.WithBenchmarkDotNet("sweep-bdn", c => BenchmarkRunner.Run<SweepBenchmarks>(c))], cases: 3);
    }
}
