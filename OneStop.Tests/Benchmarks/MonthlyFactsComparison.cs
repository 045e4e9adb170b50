using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using OneStop.Domain;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Reports;

namespace OneStop.Benchmarks;

/// <summary>
/// The monthly report's figures for one month, both ways on the million-dossier file: our SQL
/// (<see cref="MonthlyReportQuery.TotalsAsync"/>: five range reads with the receiver from the Received event by index)
/// and the same five reads written as plain EF Core 10 LINQ (GROUP BY on projections, the receiver as a correlated
/// subquery, the pause check as <c>Any</c>). Both count the same center totals; a difference stops the run.
/// </summary>
public static class MonthlyFactsComparison
{
    public static (double SqlMs, double EfMs) Run(int runs, TextWriter log)
    {
        var file = BenchmarkData.Ensure(BenchmarkScale.Default, log);
        var now = BenchmarkScale.Default.NowUtc;
        var month = ReportMonth.Of(now).Previous;
        var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite(BenchmarkData.ConnectionString(file)).Options;
        var contexts = new PooledDbContextFactory<OneStopDbContext>(options);
        var calendars = new CenterCalendarProvider(contexts, Options.Create(new CenterOptions()));
        var query = new MonthlyReportQuery(contexts, calendars, new FixedClock(now), Options.Create(new ReportOptions()));
        var sql = new List<double>();
        var ef = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            var watch = Stopwatch.StartNew();
            var bySql = query.TotalsAsync(month.Period).GetAwaiter().GetResult();
            var sqlMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var byEf = ByEfAsync(contexts, calendars, month.StartUtc, month.EndUtc).GetAwaiter().GetResult();
            var efMs = watch.Elapsed.TotalMilliseconds;
            var a = Describe(bySql);
            var b = Describe(byEf);
            if (a != b) throw new InvalidOperationException($"{month}: SQL {a} but EF {b}");
            if (i == 0)
            {
                log.WriteLine($"{month.Text}: {a}");
                continue; // the first run warms the page cache and EF's query cache
            }
            sql.Add(sqlMs);
            ef.Add(efMs);
        }
        log.WriteLine($"Monthly report figures for {month.Text}, {runs} runs each, median (min–max):");
        log.WriteLine($"  our SQL (MonthlyReportQuery.TotalsAsync): {SqlVersusEfCommand.Describe(sql)}");
        log.WriteLine($"  EF Core 10 LINQ, the same five reads: {SqlVersusEfCommand.Describe(ef)}");
        return (SqlVersusEfCommand.Median(sql), SqlVersusEfCommand.Median(ef));
    }

    private static string Describe(ReportFigures f) =>
        $"received {f.Received} ({f.ReceivedCounter}/{f.ReceivedOnline}/{f.ReceivedPost}, digitized {f.Digitized}), " +
        $"resolved {f.Early}/{f.OnTime}/{f.Late} avg {f.AverageDays:0.00} d, in progress {f.InProgress} overdue {f.Overdue}, " +
        $"apologies {f.Apologies} supplements {f.SupplementRequests}, by post {f.ReturnedByPost}, satisfied {f.Satisfied}/{f.SatisfactionResponses}";

    private static readonly DossierStatus[] Open =
        [DossierStatus.Received, DossierStatus.InProgress, DossierStatus.WaitingSupplement, DossierStatus.ResultReady];

    /// <summary>What the figures cost written the EF way; grouped at the report's grain (procedure × receiver) as ours are.</summary>
    private static async Task<ReportFigures> ByEfAsync(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, DateTime from, DateTime to)
    {
        var clock = await calendars.GetClockAsync();
        await using var db = await contexts.CreateDbContextAsync();
        var f = new ReportFigures();

        var received = await db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt >= from && d.ReceivedAt < to)
            .Select(d => new
            {
                d.ProcedureId,
                Receiver = db.DossierEvents.Where(e => e.DossierId == d.Id && e.Type == DossierEventType.Received).OrderBy(e => e.Id).Select(e => e.ActorId).FirstOrDefault(),
                d.Channel,
                Digitized = d.CurrentStep > 1,
            })
            .GroupBy(x => x).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        foreach (var r in received)
        {
            f.Received += r.Count;
            if (r.Key.Channel == Channel.Counter) f.ReceivedCounter += r.Count;
            else if (r.Key.Channel == Channel.Online) f.ReceivedOnline += r.Count;
            else f.ReceivedPost += r.Count;
            if (r.Key.Digitized) f.Digitized += r.Count;
        }

        var resolved = await db.Dossiers.AsNoTracking().Where(d => d.CompletedAt >= from && d.CompletedAt < to && d.Outcome != null)
            .Select(d => new
            {
                d.ProcedureId,
                Receiver = db.DossierEvents.Where(e => e.DossierId == d.Id && e.Type == DossierEventType.Received).OrderBy(e => e.Id).Select(e => e.ActorId).FirstOrDefault(),
                d.Outcome, d.ReceivedAt, CompletedAt = d.CompletedAt!.Value, d.PausedWorkingMinutes,
            }).ToListAsync();
        var days = new List<double>();
        foreach (var r in resolved)
        {
            if (r.Outcome == Outcome.Early) f.Early++;
            else if (r.Outcome == Outcome.OnTime) f.OnTime++;
            else f.Late++;
            var worked = clock.Calendar.WorkingTimeBetween(DateTime.SpecifyKind(r.ReceivedAt, DateTimeKind.Utc), DateTime.SpecifyKind(r.CompletedAt, DateTimeKind.Utc))
                         - TimeSpan.FromMinutes(r.PausedWorkingMinutes);
            days.Add(worked > TimeSpan.Zero ? worked / clock.Calendar.DayLength : 0);
        }
        if (days.Count > 0) f.AverageDays = Math.Round(days.Average(), 2);

        var inProgress = await db.Dossiers.AsNoTracking()
            .Where(d => d.ReceivedAt < to && ((Open.Contains(d.Status) && d.CompletedAt == null) || d.CompletedAt >= to))
            .Select(d => new
            {
                d.ProcedureId,
                Receiver = db.DossierEvents.Where(e => e.DossierId == d.Id && e.Type == DossierEventType.Received).OrderBy(e => e.Id).Select(e => e.ActorId).FirstOrDefault(),
                Overdue = d.OriginalAppointmentAt < to
                          && !db.DossierPauses.Any(p => p.DossierId == d.Id && p.StartedAt <= to && (p.EndedAt == null || p.EndedAt > to)),
            })
            .GroupBy(x => new { x.ProcedureId, x.Receiver })
            .Select(g => new { Count = g.Count(), Overdue = g.Count(x => x.Overdue) }).ToListAsync();
        f.InProgress = inProgress.Sum(r => r.Count);
        f.Overdue = inProgress.Sum(r => r.Overdue);

        var letters = await db.DossierEvents.AsNoTracking()
            .Where(x => (x.Type == DossierEventType.ApologyIssued || x.Type == DossierEventType.SupplementRequested) && x.At >= from && x.At < to)
            .Join(db.Dossiers, x => x.DossierId, d => d.Id, (x, d) => new
            {
                d.ProcedureId,
                Receiver = db.DossierEvents.Where(e => e.DossierId == d.Id && e.Type == DossierEventType.Received).OrderBy(e => e.Id).Select(e => e.ActorId).FirstOrDefault(),
                x.Type,
            })
            .GroupBy(x => x).Select(g => new { g.Key.Type, Count = g.Count() }).ToListAsync();
        f.Apologies = letters.Where(r => r.Type == DossierEventType.ApologyIssued).Sum(r => r.Count);
        f.SupplementRequests = letters.Where(r => r.Type == DossierEventType.SupplementRequested).Sum(r => r.Count);

        var returned = await db.Dossiers.AsNoTracking().Where(d => d.ReturnedAt >= from && d.ReturnedAt < to)
            .Select(d => new
            {
                d.ProcedureId,
                Receiver = db.DossierEvents.Where(e => e.DossierId == d.Id && e.Type == DossierEventType.Received).OrderBy(e => e.Id).Select(e => e.ActorId).FirstOrDefault(),
                ByPost = d.ResultDelivery == ResultDelivery.Post,
                d.Satisfied,
            })
            .GroupBy(x => new { x.ProcedureId, x.Receiver })
            .Select(g => new { ByPost = g.Count(x => x.ByPost), Responses = g.Count(x => x.Satisfied != null), Satisfied = g.Count(x => x.Satisfied == true) })
            .ToListAsync();
        f.ReturnedByPost = returned.Sum(r => r.ByPost);
        f.SatisfactionResponses = returned.Sum(r => r.Responses);
        f.Satisfied = returned.Sum(r => r.Satisfied);
        return f;
    }
}
