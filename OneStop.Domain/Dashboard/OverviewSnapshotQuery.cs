using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Dashboard;

/// <summary>
/// Computes the director's overview. Every figure is an aggregate computed in SQL over indexed
/// ranges: the open-dossier partial indexes for queues, (ReceivedAt, DepartmentId) for intake and
/// (CompletedAt, DepartmentId) for results. Nothing loads dossiers into memory but the at-risk list.
/// </summary>
public sealed class OverviewSnapshotQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time)
{
    public const int AtRiskLimit = 15;
    public const int TrendDays = 30;

    public async Task<OverviewSnapshot> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var clock = await calendars.GetClockAsync(ct);
        var calendar = clock.Calendar;
        var soon = calendar.AddWorkingTime(now, calendar.DayLength);
        var localNow = WorkingCalendar.ToLocal(now);
        var todayStart = WorkingCalendar.ToUtc(localNow.Date);
        var monthStart = WorkingCalendar.ToUtc(new DateTime(localNow.Year, localNow.Month, 1));
        var trendStart = WorkingCalendar.ToUtc(localNow.Date.AddDays(-(TrendDays - 1)));

        await using var db = await contexts.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
        if (departments.Count == 0)
            return new OverviewSnapshot(now, new OverviewTiles(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), [], [], [], []);

        var stepKinds = await db.ProcedureSteps.AsNoTracking()
            .Select(s => new { s.ProcedureId, s.Order, s.Kind, s.Name })
            .ToDictionaryAsync(s => (s.ProcedureId, s.Order), s => (s.Kind, s.Name), ct);

        // Open dossiers by department, procedure, step and status, with due-soon and overdue counts.
        var open = await OpenDossiers(db)
            .GroupBy(d => new { d.DepartmentId, d.ProcedureId, d.CurrentStep, d.Status })
            .Select(g => new
            {
                g.Key.DepartmentId, g.Key.ProcedureId, g.Key.CurrentStep, g.Key.Status,
                Count = g.Count(),
                Overdue = g.Sum(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) && d.AppointmentAt < now ? 1 : 0),
                DueSoon = g.Sum(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) && d.AppointmentAt >= now && d.AppointmentAt < soon ? 1 : 0),
                OldestReceived = g.Min(d => d.Status != DossierStatus.ResultReady ? d.ReceivedAt : (DateTime?)null),
            })
            .ToListAsync(ct);

        var coverage = await db.StaffCoverage.AsNoTracking().Where(c => c.Staff!.Active)
            .OrderBy(c => c.Staff!.FullName)
            .Select(c => new { c.DepartmentId, c.Staff!.FullName })
            .ToListAsync(ct);

        var rows = departments.Select(dep =>
        {
            var mine = open.Where(o => o.DepartmentId == dep.Id).ToList();
            int At(StepKind kind) => mine.Where(o => o.Status is DossierStatus.Received or DossierStatus.InProgress
                                                     && KindOf(stepKinds, o.ProcedureId, o.CurrentStep) == kind).Sum(o => o.Count);
            var oldest = mine.Where(o => o.OldestReceived != null).Select(o => o.OldestReceived!.Value).DefaultIfEmpty().Min();
            return new DepartmentRow(dep.Id, dep.Code, dep.Name, dep.PostalCovered,
                At(StepKind.Reception), At(StepKind.Processing), At(StepKind.InterAgency), At(StepKind.Approval),
                mine.Where(o => o.Status == DossierStatus.ResultReady).Sum(o => o.Count),
                mine.Where(o => o.Status == DossierStatus.WaitingSupplement).Sum(o => o.Count),
                mine.Sum(o => o.DueSoon), mine.Sum(o => o.Overdue),
                oldest == default ? null : calendar.WorkingTimeBetween(oldest, now),
                coverage.Where(c => c.DepartmentId == dep.Id).Select(c => c.FullName).ToList());
        }).ToList();

        // Today's intake by UTC hour and channel; shifted to local hours below.
        var intake = await db.Dossiers.AsNoTracking()
            .Where(d => d.ReceivedAt >= todayStart && d.ReceivedAt <= now)
            .GroupBy(d => new { d.ReceivedAt.Hour, d.Channel })
            .Select(g => new { g.Key.Hour, g.Key.Channel, Count = g.Count() })
            .ToListAsync(ct);
        var hourly = Enumerable.Range(0, 24).Select(h =>
        {
            int Of(Channel c) => intake.Where(i => (i.Hour + 7) % 24 == h && i.Channel == c).Sum(i => i.Count);
            return new HourlyIntake(h, Of(Channel.Counter), Of(Channel.Online), Of(Channel.Post));
        }).ToList();

        var month = await db.Dossiers.AsNoTracking()
            .Where(d => d.ReceivedAt >= monthStart && d.ReceivedAt <= now)
            .GroupBy(d => 1)
            .Select(g => new { Received = g.Count(), Online = g.Sum(d => d.Channel == Channel.Online ? 1 : 0) })
            .FirstOrDefaultAsync(ct);
        var returnedByPost = await db.Dossiers.AsNoTracking()
            .CountAsync(d => d.ReturnedAt >= monthStart && d.ReturnedAt <= now && d.ResultDelivery == ResultDelivery.Post, ct);

        // Results by local date and outcome since the earlier of the trend's first day and the month's.
        var resultsStart = trendStart < monthStart ? trendStart : monthStart;
        var resolved = await db.Dossiers.AsNoTracking()
            .Where(d => d.CompletedAt >= resultsStart && d.CompletedAt <= now && d.Outcome != null)
            .GroupBy(d => new { Day = d.CompletedAt!.Value.AddHours(7).Date, d.Outcome })
            .Select(g => new { g.Key.Day, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(ct);
        var trend = Enumerable.Range(0, TrendDays).Select(i =>
        {
            var day = localNow.Date.AddDays(-(TrendDays - 1) + i);
            var ofDay = resolved.Where(r => r.Day == day).ToList();
            return new DailyOnTime(DateOnly.FromDateTime(day), ofDay.Sum(r => r.Count), ofDay.Where(r => r.Outcome != Outcome.Late).Sum(r => r.Count));
        }).ToList();
        var monthResults = resolved.Where(r => r.Day >= localNow.Date.AddDays(1 - localNow.Day)).ToList();
        int Results(Outcome o) => monthResults.Where(r => r.Outcome == o).Sum(r => r.Count);

        var atRisk = (await OpenDossiers(db)
                .Where(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) && d.AppointmentAt < soon)
                .OrderBy(d => d.AppointmentAt).Take(AtRiskLimit)
                .Select(d => new
                {
                    d.Code, DepartmentCode = d.Department!.Code, DepartmentName = d.Department.Name, ProcedureName = d.Procedure!.Name,
                    d.ProcedureId, d.CurrentStep, Handler = d.CurrentHandler!.FullName, d.AppointmentAt,
                })
                .ToListAsync(ct))
            .Select(d => new AtRiskDossier(d.Code, d.DepartmentCode, d.DepartmentName, d.ProcedureName,
                stepKinds.TryGetValue((d.ProcedureId, d.CurrentStep), out var s) ? s.Name : $"Bước {d.CurrentStep}",
                d.Handler, d.AppointmentAt, clock.Remaining(d.AppointmentAt, now)))
            .ToList();

        var tiles = new OverviewTiles(
            hourly.Sum(h => h.Total), hourly.Sum(h => h.Counter), hourly.Sum(h => h.Online), hourly.Sum(h => h.Post),
            rows.Sum(r => r.Open), rows.Sum(r => r.DueSoon), rows.Sum(r => r.Overdue),
            Results(Outcome.Early), Results(Outcome.OnTime), Results(Outcome.Late),
            month?.Received ?? 0, month?.Online ?? 0, returnedByPost);
        return new OverviewSnapshot(now, tiles, rows, hourly, trend, atRisk);
    }

    private static IQueryable<Dossier> OpenDossiers(OneStopDbContext db) => db.Dossiers.AsNoTracking()
        .Where(d => d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress
                    || d.Status == DossierStatus.WaitingSupplement || d.Status == DossierStatus.ResultReady);

    private static StepKind KindOf(Dictionary<(int, int), (StepKind Kind, string Name)> steps, int procedureId, int order) =>
        steps.TryGetValue((procedureId, order), out var s) ? s.Kind : StepKind.Processing;
}
