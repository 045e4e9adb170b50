using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

/// <summary>Medians of one provider's runs (milliseconds), and whether what was measured did what it should.</summary>
public sealed record OverviewFigures(double QueryMs, double FloorMs, double Ratio, bool SameFigures);

public sealed record SweepFigures(int Changed, double MedianMs, bool MovedExactly);

/// <summary>
/// What the `providers` command measures on one store (one provider per process: see <see cref="BenchmarkStore"/>),
/// each as the README's SQLite figures were measured: the overview against its hand-written floor, alternating; the
/// deadline sweep after 0, 1% and 5% of the open dossiers were put back; ingestion by 1 and 8 callers on a copy.
/// </summary>
public static class ProviderMeasurements
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The settled data set for <paramref name="options"/> on <paramref name="provider"/>, made on first use.</summary>
    public static BenchmarkStore Prepare(DatabaseProvider provider, string? postgresServer, ScaleDataOptions options, TextWriter log)
    {
        if (provider == DatabaseProvider.Sqlite)
            return BenchmarkStore.Sqlite(SweepBenchmarks.SettledCopy(BenchmarkData.Ensure(options, log), options));
        if (string.IsNullOrEmpty(postgresServer)) throw new ArgumentException("--postgres CONNECTION is required for PostgreSQL.");
        var store = BenchmarkStore.EnsurePostgreSql(postgresServer, options, log);
        store.Vacuum(log);
        return store;
    }

    /// <summary>OverviewSnapshotQuery and the floor, alternately, after <paramref name="warmups"/> of each; medians of <paramref name="runs"/>.</summary>
    public static async Task<OverviewFigures> OverviewAsync(BenchmarkStore store, ScaleDataOptions options, int runs, int warmups = 3)
    {
        await using var services = store.Services(options.NowUtc);
        var query = services.GetRequiredService<OverviewSnapshotQuery>();
        var calendars = services.GetRequiredService<CenterCalendarProvider>();
        var floor = new OverviewSqlFloor(store, calendars, services.GetRequiredService<TimeProvider>());
        await calendars.GetAsync(); // built once, as in the app

        var same = true;
        for (var i = 0; i < warmups; i++)
            same &= JsonSerializer.Serialize(await query.RunAsync(), Json) == JsonSerializer.Serialize(await floor.RunAsync(), Json);
        var queryMs = new List<double>();
        var floorMs = new List<double>();
        var ratios = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            // Alternating, and which goes first alternates too, so that neither always finds the other's pages warm.
            double q, f;
            if (i % 2 == 0) { q = await TimeAsync(query.RunAsync); f = await TimeAsync(floor.RunAsync); }
            else { f = await TimeAsync(floor.RunAsync); q = await TimeAsync(query.RunAsync); }
            queryMs.Add(q);
            floorMs.Add(f);
            ratios.Add(q / f);
        }
        return new OverviewFigures(Medians.Of(queryMs), Medians.Of(floorMs), Medians.Of(ratios), same);
    }

    /// <summary>For each count: put that many overdue dossiers back, time the sweep that moves them again; medians of <paramref name="runs"/>.</summary>
    public static async Task<IReadOnlyList<SweepFigures>> SweepAsync(BenchmarkStore store, ScaleDataOptions options, IReadOnlyList<int> changed, int runs)
    {
        await using var services = store.Services(options.NowUtc);
        var sweep = services.GetRequiredService<DeadlineSweep>();
        await using var connection = store.OpenConnection();
        SweepBenchmarks.PutBack(connection, Math.Max(1, options.Open / 100));
        await sweep.RunAsync(); // warm-up: JIT, EF's caches, the prepared statements
        var figures = new List<SweepFigures>();
        foreach (var n in changed)
        {
            var times = new List<double>();
            var exactly = true;
            for (var i = 0; i < runs; i++)
            {
                SweepBenchmarks.PutBack(connection, n);
                var watch = Stopwatch.StartNew();
                var moved = await sweep.RunAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
                exactly &= moved == n;
            }
            figures.Add(new SweepFigures(n, Medians.Of(times), exactly));
        }
        return figures;
    }

    /// <summary>
    /// Ingestion (a PUT and four events per dossier, new codes every run) on a copy of the store, after a warm-up of 200,
    /// with each number of callers in turn; the copy is dropped afterwards.
    /// </summary>
    public static async Task<IReadOnlyList<(int Callers, LoadFigures Figures)>> IngestAsync(BenchmarkStore store, ScaleDataOptions options,
        int dossiers, IReadOnlyList<int> callers, TextWriter log)
    {
        var copy = store.WritableCopy("ingest");
        try
        {
            await IngestionLoad.IngestAsync(copy, options.NowUtc, Math.Min(200, dossiers), 1);
            var figures = new List<(int, LoadFigures)>();
            foreach (var c in callers) figures.Add((c, await IngestionLoad.IngestAsync(copy, options.NowUtc, dossiers, c, log)));
            return figures;
        }
        finally { copy.Drop(); }
    }

    private static async Task<double> TimeAsync(Func<CancellationToken, Task<OverviewSnapshot>> run)
    {
        var watch = Stopwatch.StartNew();
        await run(CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }
}
