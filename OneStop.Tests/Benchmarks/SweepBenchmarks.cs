using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

/// <summary>
/// The deadline sweep (the job that runs every minute) over the large database's open dossiers, settled first by one
/// full sweep, then with <see cref="Changed"/> of them put back one class so that this sweep must move them again:
/// 0 is a quiet minute, 1% and 5% of the open dossiers are busy ones. Its cost should follow <see cref="Changed"/>,
/// not the number open.
/// </summary>
[Config(typeof(MedianColumns))]
[MemoryDiagnoser]
[InvocationCount(1, unrollFactor: 1)] // each iteration needs its own reset (IterationSetup)
public class SweepBenchmarks
{
    /// <summary>0, 1% and 5% of the open dossiers.</summary>
    public static IEnumerable<int> ChangedCounts => [0, BenchmarkScale.Current.Open / 100, BenchmarkScale.Current.Open / 20];

    [ParamsSource(nameof(ChangedCounts))] public int Changed { get; set; }

    private string? _file;
    private ScaleDataOptions? _options;
    private ScaleDataOptions Options => _options ?? BenchmarkScale.Current;

    /// <summary>Runs on a copy of <paramref name="file"/> (generated for <paramref name="options"/>) instead of the cached data.</summary>
    public void UseData(string file, ScaleDataOptions options) => (_file, _options) = (file, options);

    private ServiceProvider? _services;
    private DeadlineSweep _sweep = null!;
    private SqliteConnection _connection = null!;

    /// <summary>How many dossiers the last measured sweep changed (the smoke test checks it equals <see cref="Changed"/>).</summary>
    public int LastHandled { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        // The sweep writes; it works on a settled copy so that the overview benchmark's data stay as generated.
        var source = _file ?? BenchmarkData.Ensure(Options, Console.Out);
        var settled = SettledCopy(source, Options);
        _services = OverviewBenchmarks.Services(BenchmarkData.ConnectionString(settled), Options.NowUtc);
        _sweep = _services.GetRequiredService<DeadlineSweep>();
        _connection = new SqliteConnection(BenchmarkData.ConnectionString(settled));
        _connection.Open();
    }

    /// <summary>
    /// Puts <see cref="Changed"/> overdue dossiers (the lowest ids, so every run picks the same ones) back to on track,
    /// with their rungs, class events and messages removed, as they were before the sweep that moved them.
    /// </summary>
    [IterationSetup]
    public void PutBack() => PutBack(_connection, Changed);

    /// <summary>
    /// Puts <paramref name="changed"/> overdue dossiers (the lowest ids, so every run picks the same ones) back to on track,
    /// with their rungs, class events and messages removed, as they were before the sweep that moved them. The same SQL on
    /// both providers: the dossiers' class changes last, so the three statements pick the same set.
    /// </summary>
    public static void PutBack(DbConnection connection, int changed)
    {
        if (changed == 0) return;
        const string picked = """
            SELECT "Id" FROM "Dossiers" WHERE "Status" IN ('Received','InProgress') AND "DeadlineClass" = 'Overdue' ORDER BY "Id" LIMIT @n
            """;
        using var tx = connection.BeginTransaction();
        Exec(tx, $"""DELETE FROM "Notifications" WHERE "DossierId" IN ({picked})""", changed);
        Exec(tx, $"""DELETE FROM "DossierEvents" WHERE "DossierId" IN ({picked}) AND "Type" IN ('DeadlineClassChanged','Escalated')""", changed);
        Exec(tx, $"""UPDATE "Dossiers" SET "DeadlineClass" = 'OnTrack', "EscalationLevel" = 0 WHERE "Id" IN ({picked})""", changed);
        tx.Commit();
    }

    [Benchmark(Description = "DeadlineSweep")]
    public async Task<int> Sweep() => LastHandled = await _sweep.RunAsync();

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection?.Dispose();
        _services?.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static void Exec(DbTransaction tx, string sql, int n)
    {
        using var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        var parameter = cmd.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("@n", n);
        cmd.Parameters.Add(parameter);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// A copy of <paramref name="source"/> on which one full sweep has run (the generator leaves every dossier "on track"),
    /// kept beside it and reused: the first sweep moves tens of thousands of dossiers and takes a while.
    /// </summary>
    internal static string SettledCopy(string source, ScaleDataOptions options)
    {
        var settled = Path.ChangeExtension(source, ".swept.db");
        if (File.Exists(settled))
        {
            BenchmarkData.Migrate(settled);
            return settled;
        }
        var partial = settled + ".partial-" + Environment.ProcessId;
        SqliteConnection.ClearAllPools();
        using (var from = new SqliteConnection(BenchmarkData.ConnectionString(source)))
        using (var to = new SqliteConnection(BenchmarkData.ConnectionString(partial)))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
        }
        using (var services = OverviewBenchmarks.Services(BenchmarkData.ConnectionString(partial), options.NowUtc))
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var moved = services.GetRequiredService<DeadlineSweep>().RunAsync(fullScan: true).GetAwaiter().GetResult();
            Console.WriteLine($"Settled {partial}: the first full sweep moved {moved:n0} dossiers in {started.Elapsed.TotalSeconds:n1} s");
        }
        SqliteConnection.ClearAllPools();
        File.Move(partial, settled, overwrite: true);
        return settled;
    }
}
