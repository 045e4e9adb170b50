using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Persistence;

namespace OneStop.Benchmarks;

/// <summary>
/// `profile`: runs the overview and the floor alternately on a generated file, prints their times (wall and CPU)
/// and the median of the per-run ratio, which shared machines disturb less than two measurements taken one after
/// the other; then each SQL command EF sent in the last run with its time and SQLite's query plan.
/// </summary>
public static class OverviewProfile
{
    private const int Warmup = 40;

    public static async Task RunAsync(string file, DateTime nowUtc, int runs, TextWriter output)
    {
        // Timed: the query as the app registers it (the benchmark's setup); printed: a twin whose EF commands are recorded.
        var connectionString = BenchmarkData.ConnectionString(file);
        await using var services = OverviewBenchmarks.Services(connectionString, nowUtc);
        var query = services.GetRequiredService<OverviewSnapshotQuery>();
        var calendars = services.GetRequiredService<CenterCalendarProvider>();
        var clock = services.GetRequiredService<TimeProvider>();
        var floor = new OverviewSqlFloor(connectionString, calendars, clock);
        var recorder = new Recorder();
        var recorded = new OverviewSnapshotQuery(new PooledDbContextFactory<OneStopDbContext>(
            new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite(connectionString).UseModel(OneStopDbContext.SharedModel).AddInterceptors(recorder).Options), calendars, clock);

        // Warm-up, unrecorded: EF builds its model and compiles the queries, and the JIT reaches its optimized code
        // (tiered compilation promotes a method after 30 calls), as BenchmarkDotNet's warm-up does.
        for (int i = 0; i < Warmup; i++)
        {
            await query.RunAsync();
            await floor.RunAsync();
        }

        var snapshots = new List<double>();
        var floors = new List<double>();
        var ratios = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await query.RunAsync();
            var total = watch.Elapsed;
            process.Refresh();
            var queryCpu = process.TotalProcessorTime - cpu;
            cpu = process.TotalProcessorTime;
            watch.Restart();
            await floor.RunAsync();
            var floorTime = watch.Elapsed;
            process.Refresh();
            snapshots.Add(total.TotalMilliseconds);
            floors.Add(floorTime.TotalMilliseconds);
            ratios.Add(total / floorTime);
            output.WriteLine($"run {i + 1}: snapshot {total.TotalMilliseconds:n1} ms (CPU {queryCpu.TotalMilliseconds:n0} ms), " +
                             $"floor {floorTime.TotalMilliseconds:n1} ms (CPU {(process.TotalProcessorTime - cpu).TotalMilliseconds:n0} ms)");
        }
        output.WriteLine($"median of {runs} runs after {Warmup} of warm-up, alternating: snapshot {Median(snapshots):n1} ms, " +
                         $"floor {Median(floors):n1} ms, snapshot/floor per run {Median(ratios):n2}");

        for (int i = 0; i < 3; i++) await recorded.RunAsync();
        recorder.Enabled = true;
        var once = Stopwatch.StartNew();
        await recorded.RunAsync();
        output.WriteLine($"one recorded run: {once.Elapsed.TotalMilliseconds:n1} ms, {recorder.Commands.Count} EF commands taking " +
                         $"{recorder.Commands.Sum(c => c.Elapsed.TotalMilliseconds):n1} ms (the results per day, sent on the connection " +
                         "directly, are not among them):");

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (sql, parameters, elapsed) in recorder.Commands)
        {
            output.WriteLine();
            output.WriteLine($"-- {elapsed.TotalMilliseconds:n2} ms");
            output.WriteLine(sql);
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters) explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync()) output.WriteLine($"   plan: {reader.GetString(3)}");
        }
    }

    private static double Median(List<double> values) => Medians.Of(values);

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string, object?)> Parameters, TimeSpan Elapsed)> Commands { get; } = [];
        public bool Enabled { get; set; }

        private readonly Dictionary<DbCommand, TimeSpan> _toFirstRow = new(ReferenceEqualityComparer.Instance);

        // A query's time is its execution (up to the first row) plus the reading of its rows (reported on disposal).
        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            _toFirstRow[command] = eventData.Duration;
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Add(command, (_toFirstRow.Remove(command, out var first) ? first : TimeSpan.Zero) + eventData.Duration);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
            CancellationToken cancellationToken = default)
        {
            Add(command, eventData.Duration);
            return ValueTask.FromResult(result);
        }

        private void Add(DbCommand command, TimeSpan elapsed)
        {
            if (Enabled) Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList(), elapsed));
        }
    }
}
