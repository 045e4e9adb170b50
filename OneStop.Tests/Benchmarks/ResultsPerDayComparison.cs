using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Benchmarks;

/// <summary>
/// The overview's early / on-time / late results per local day over its 30-day trend, both ways on the million-dossier
/// file: our SQL (three range counts per day on the (Outcome, CompletedAt) index) and the plain EF Core 10 LINQ (a
/// GROUP BY on the local day computed from CompletedAt). Both must give the same figures.
/// </summary>
public static class ResultsPerDayComparison
{
    public static (double SqlMs, double EfMs) Run(int runs, TextWriter log)
    {
        var file = BenchmarkData.Ensure(BenchmarkScale.Default, log);
        var now = BenchmarkScale.Default.NowUtc;
        var from = WorkingCalendar.ToUtc(WorkingCalendar.ToLocal(now).Date.AddDays(-(OverviewSnapshotQuery.TrendDays - 1)));
        var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite(BenchmarkData.ConnectionString(file)).Options;
        var sql = new List<double>();
        var ef = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            using var db = new OneStopDbContext(options);
            db.Database.OpenConnection();
            var watch = Stopwatch.StartNew();
            var bySql = OverviewSnapshotQuery.ResultsPerDayAsync(db.Database.GetDbConnection(), from, now, default).GetAwaiter().GetResult();
            var sqlMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var byEf = ByEf(db, from, now);
            var efMs = watch.Elapsed.TotalMilliseconds;
            foreach (var (day, counts) in byEf)
                if (bySql.GetValueOrDefault(day) != counts)
                    throw new InvalidOperationException($"{day:dd/MM}: SQL {bySql.GetValueOrDefault(day)} but EF {counts}");
            if (i == 0) continue; // the first run warms the page cache and EF's query cache
            sql.Add(sqlMs);
            ef.Add(efMs);
        }
        log.WriteLine($"Results per day over {OverviewSnapshotQuery.TrendDays} days, {runs} runs each, median (min–max):");
        log.WriteLine($"  range counts (our SQL): {SqlVersusEfCommand.Describe(sql)}");
        log.WriteLine($"  EF Core 10 GROUP BY local day: {SqlVersusEfCommand.Describe(ef)}");
        return (SqlVersusEfCommand.Median(sql), SqlVersusEfCommand.Median(ef));
    }

    private static Dictionary<DateTime, (int Early, int OnTime, int Late)> ByEf(OneStopDbContext db, DateTime from, DateTime now)
    {
        var rows = db.Dossiers.AsNoTracking()
            .Where(d => d.Outcome != null && d.CompletedAt >= from && d.CompletedAt <= now)
            .GroupBy(d => new { Day = d.CompletedAt!.Value.AddHours(7).Date, d.Outcome })
            .Select(g => new { g.Key.Day, g.Key.Outcome, Count = g.Count() })
            .ToList();
        return rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (
            g.Where(r => r.Outcome == Outcome.Early).Sum(r => r.Count),
            g.Where(r => r.Outcome == Outcome.OnTime).Sum(r => r.Count),
            g.Where(r => r.Outcome == Outcome.Late).Sum(r => r.Count)));
    }
}
