using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Persistence;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

/// <summary>
/// The director's overview on a large database: <see cref="OverviewSnapshotQuery"/> as the app registers it
/// (DI, EF Core, the center's calendar) against <see cref="OverviewSqlFloor"/>, the same figures from hand-written
/// SQL, side by side in one run. "Now" is the instant the data were generated for.
/// </summary>
[Config(typeof(MedianColumns))]
[MemoryDiagnoser]
public class OverviewBenchmarks
{
    public static IEnumerable<int> DossierCounts => [BenchmarkScale.Current.Dossiers];
    public static IEnumerable<int> OpenCounts => [BenchmarkScale.Current.Open];

    [ParamsSource(nameof(DossierCounts))] public int Dossiers { get; set; } = BenchmarkScale.Current.Dossiers;
    [ParamsSource(nameof(OpenCounts))] public int Open { get; set; } = BenchmarkScale.Current.Open;

    private string? _file;
    private ScaleDataOptions? _options;

    /// <summary>The data set: the one the parameters name (the by default), unless <see cref="UseData"/> said otherwise.</summary>
    public ScaleDataOptions Options => _options ?? BenchmarkScale.Current with { Dossiers = Dossiers, Open = Open };

    /// <summary>Runs on <paramref name="file"/>, already generated for <paramref name="options"/>, instead of the cached file.</summary>
    public void UseData(string file, ScaleDataOptions options)
    {
        (_file, _options) = (file, options);
        (Dossiers, Open) = (options.Dossiers, options.Open);
    }

    private ServiceProvider? _services;
    private OverviewSnapshotQuery _query = null!;
    private OverviewSqlFloor _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var file = _file ?? BenchmarkData.Ensure(Options, Console.Out);
        var connectionString = BenchmarkData.ConnectionString(file);
        _services = Services(connectionString, Options.NowUtc);
        _query = _services.GetRequiredService<OverviewSnapshotQuery>();
        var calendars = _services.GetRequiredService<CenterCalendarProvider>();
        _floor = new OverviewSqlFloor(connectionString, calendars, _services.GetRequiredService<TimeProvider>());
        calendars.GetAsync().AsTask().GetAwaiter().GetResult(); // built once, as in the app
    }

    /// <summary>The Domain's services as the app registers them (AddOneStopDomain), with the clock stopped at <paramref name="nowUtc"/>.</summary>
    public static ServiceProvider Services(string connectionString, DateTime nowUtc) =>
        new BenchmarkStore(DatabaseProvider.Sqlite, connectionString).Services(nowUtc);

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [Benchmark(Baseline = true, Description = "Hand-written SQL (floor)")]
    public Task<OverviewSnapshot> HandWrittenSql() => _floor.RunAsync();

    [Benchmark(Description = "OverviewSnapshotQuery")]
    public Task<OverviewSnapshot> SnapshotQuery() => _query.RunAsync();
}
