using OneStop.Benchmarks;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// The live fan-out harness (README, Performance) on three circuits and two changes: no timing is asserted, but every
/// page must report every change, each after its commit, and the memory readings must be real ones.
/// </summary>
public sealed class LiveFanOutSmokeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Every_circuit_reports_every_change_after_its_commit()
    {
        await using var app = new OneStopApp(demo: true);
        var intake = await LiveFanOut.CounterIntakeAsync(app.Services);
        var received = 0;
        async Task<DateTime> Receive()
        {
            var committed = await intake();
            received++;
            return committed;
        }

        var result = await LiveFanOut.RunAsync(browser.Browser, app.BaseAddress, circuits: 3, trials: 2, Receive,
            ServerMemory.OfThisProcess, TextWriter.Null, ("director", "demo"));

        Assert.Equal(2, received);
        Assert.Equal(6, result.LatenciesMs.Count);
        Assert.All(result.LatenciesMs, ms => Assert.True(ms > 0 && double.IsFinite(ms), $"{ms} ms"));
        Assert.True(result.P95 >= result.P50);
        Assert.True(result.WithOne.ManagedBytes > 0 && result.WithAll.ResidentBytes > 0);
        Assert.Contains("3 circuits × 2 changes", result.Describe());
    }
}
