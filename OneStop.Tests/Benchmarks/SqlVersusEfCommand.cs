using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

/// <summary>
/// `sql-vs-ef`: the four places where we use SQL of our own instead of EF Core 10, timed both ways on the same data in
/// one run, so that the hand-written path stays only while it beats EF:
/// <list type="bullet">
/// <item>the overview's results per local day and outcome (range counts per day, against EF's GROUP BY on the
/// computed local day), on the million-dossier benchmark file;</item>
/// <item>the monthly report's figures for one month (<see cref="MonthlyFactsComparison"/>), on the same file;</item>
/// <item>a busy deadline-sweep batch: N dossiers change class (a Version-checked UPDATE each), two events and one
/// message per dossier (what the deadline sweep writes);</item>
/// <item>the demo seed: the whole demo center (about 46,000 dossiers and 242,000 events) into an empty file.</item>
/// </list>
/// Each sweep-batch run is a transaction that is rolled back, so every run writes the same rows; the two paths alternate.
/// </summary>
public static class SqlVersusEfCommand
{
    public static int Run(int batch, int runs, TextWriter log)
    {
        var (perDaySql, perDayEf) = ResultsPerDayComparison.Run(runs, log);
        var (monthlySql, monthlyEf) = MonthlyFactsComparison.Run(runs, log);
        var file = Program.FreshFile(50_000, out var now);
        var ef = new List<double>();
        var prepared = new List<double>();
        try
        {
            for (var i = 0; i < runs; i++)
            {
                prepared.Add(SweepBatchAsync(file, now, batch, useEf: false).GetAwaiter().GetResult());
                ef.Add(SweepBatchAsync(file, now, batch, useEf: true).GetAwaiter().GetResult());
            }
            log.WriteLine($"Sweep batch of {batch} dossiers ({batch} UPDATEs, {2 * batch} events, {batch} messages), {runs} runs each, median (min–max):");
            log.WriteLine($"  prepared statements: {Describe(prepared)}");
            log.WriteLine($"  EF Core 10 SaveChanges: {Describe(ef)}");
        }
        finally { Program.DeleteFresh(file); }

        var seedBulk = SeedAsync(useEf: false, now).GetAwaiter().GetResult();
        var seedEf = SeedAsync(useEf: true, now).GetAwaiter().GetResult();
        log.WriteLine($"Demo seed ({seedBulk.Rows:n0} rows): BulkInserter {seedBulk.Seconds:n1} s, EF Core 10 SaveChanges {seedEf.Seconds:n1} s");
        log.WriteLine($"sql-vs-ef per_day_sql_ms={perDaySql:n1} per_day_ef_ms={perDayEf:n1} monthly_sql_ms={monthlySql:n1} monthly_ef_ms={monthlyEf:n1} batch={batch} prepared_ms={Median(prepared):n1} ef_ms={Median(ef):n1} " +
                      $"seed_bulk_s={seedBulk.Seconds:n1} seed_ef_s={seedEf.Seconds:n1}");
        return 0;
    }

    private static async Task<double> SweepBatchAsync(string file, DateTime now, int batch, bool useEf)
    {
        var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={file}").Options;
        await using var db = new OneStopDbContext(options);
        await using var tx = await db.Database.BeginTransactionAsync();
        var dossiers = await db.Dossiers.AsNoTracking()
            .Where(d => d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress)
            .OrderBy(d => d.AppointmentAt).Take(batch).ToListAsync();
        var watch = Stopwatch.StartNew();
        var moves = dossiers.Select(d =>
        {
            var read = d.Version;
            d.DeadlineClass = DeadlineClass.Overdue;
            d.EscalationLevel = 2;
            d.Version++;
            var events = new List<DossierEvent>
            {
                DossierEvent.For(d, DossierEventType.DeadlineClassChanged, null, d.Status, d.CurrentStep, d.CurrentHandlerId, now, "Thời hạn: trong hạn → quá hạn"),
                DossierEvent.For(d, DossierEventType.Escalated, null, d.Status, d.CurrentStep, d.CurrentHandlerId, now, "Báo lãnh đạo đơn vị"),
            };
            var message = new Notification
            {
                DedupeKey = $"bench:{d.Id}:{now.Ticks}", RecipientId = d.CurrentHandlerId, Channel = NotificationChannel.InApp,
                Kind = NotificationKinds.Overdue, DossierId = d.Id, DossierCode = d.Code, Subject = $"Hồ sơ {d.Code} quá hạn",
                Body = "Hồ sơ đã quá hạn giải quyết.", CreatedAt = now, Status = NotificationStatus.Pending, NextAttemptAt = now,
            };
            return (Dossier: d, Read: read, Events: events, Message: message);
        }).ToList();

        if (useEf)
        {
            foreach (var m in moves)
            {
                var entry = db.Dossiers.Attach(m.Dossier);
                entry.Property(x => x.Version).OriginalValue = m.Read;
                entry.Property(x => x.DeadlineClass).IsModified = true;
                entry.Property(x => x.EscalationLevel).IsModified = true;
                entry.Property(x => x.Version).IsModified = true;
                db.DossierEvents.AddRange(m.Events);
                db.Notifications.Add(m.Message);
            }
            await db.SaveChangesAsync();
        }
        else
        {
            await using (var update = db.Database.GetDbConnection().CreateCommand())
            {
                update.Transaction = tx.GetDbTransaction();
                update.CommandText = "UPDATE \"Dossiers\" SET \"DeadlineClass\" = $class, \"EscalationLevel\" = $level, \"Version\" = $version " +
                                     "WHERE \"Id\" = $id AND \"Version\" = $read";
                var p = new[] { "$class", "$level", "$version", "$id", "$read" }.Select(name =>
                {
                    var parameter = update.CreateParameter();
                    parameter.ParameterName = name;
                    update.Parameters.Add(parameter);
                    return parameter;
                }).ToArray();
                update.Prepare();
                foreach (var m in moves)
                {
                    (p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value) = (m.Dossier.DeadlineClass.ToString(), m.Dossier.EscalationLevel, m.Dossier.Version, m.Dossier.Id, m.Read);
                    if (await update.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException("version moved");
                }
            }
            var insert = new BulkInserter(db);
            await insert.InsertAsync(moves.SelectMany(m => m.Events), generateKeys: true);
            await insert.InsertAsync(moves.Select(m => m.Message), generateKeys: true);
        }
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (moves.Any(m => m.Events.Any(e => e.Id == 0) || m.Message.Id == 0)) throw new InvalidOperationException("keys were not read back");
        await tx.RollbackAsync();
        return elapsed;
    }

    private static async Task<(int Rows, double Seconds)> SeedAsync(bool useEf, DateTime now)
    {
        var file = Path.Combine(Path.GetTempPath(), $"onestop-seed-{Environment.ProcessId}-{(useEf ? "ef" : "bulk")}.db");
        File.Delete(file);
        try
        {
            var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={file}").Options;
            await using var db = new OneStopDbContext(options);
            await db.Database.MigrateAsync();
            var data = DemoHistoryGenerator.Generate(now);
            var rows = data.Dossiers.Count + data.Events.Count + data.Pauses.Count;
            var watch = Stopwatch.StartNew();
            if (useEf)
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                await using var tx = await db.Database.BeginTransactionAsync();
                db.AddRange(data.Departments); db.AddRange(data.Fields); db.AddRange(data.Procedures); db.AddRange(data.Steps);
                db.AddRange(data.Staff); db.AddRange(data.Coverage); db.AddRange(data.Dossiers); db.AddRange(data.Pauses); db.AddRange(data.Events);
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }
            else await new DemoSeeder(db).WriteAsync(data);
            var seconds = watch.Elapsed.TotalSeconds;
            if (await db.DossierEvents.CountAsync() != data.Events.Count) throw new InvalidOperationException("seed incomplete");
            return (rows, seconds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    internal static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    internal static string Describe(List<double> xs) => $"{Median(xs):n1} ms ({xs.Min():n1}–{xs.Max():n1})";
}
