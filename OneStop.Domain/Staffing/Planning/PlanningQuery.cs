using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing.Balancing;

namespace OneStop.Domain.Staffing.Planning;

/// <summary>What-if: departments handed to the post office in addition, postal staff taken away.</summary>
public sealed record WhatIf(IReadOnlySet<int> AddDepartments, IReadOnlySet<int> RemoveStaff)
{
    public static readonly WhatIf None = new(new HashSet<int>(), new HashSet<int>());
    public bool IsNone => AddDepartments.Count == 0 && RemoveStaff.Count == 0;
}

/// <summary>One department's history (the 52 full weeks before this one) and forecast.</summary>
public sealed record DepartmentPlan(
    int DepartmentId, string Code, string Name, bool PostalCovered, bool AddedInWhatIf,
    IReadOnlyList<(DateOnly WeekStart, int Dossiers)> History, ForecastResult Forecast);

/// <summary>Staff needed in one forecast week, for the covered departments (today's, and with the what-if).</summary>
public sealed record WeekNeed(DateOnly WeekStart, double Dossiers, double FullTimeEquivalent, int People, double WhatIfDossiers, double WhatIfFullTimeEquivalent, int WhatIfPeople);

/// <summary>A staff member's expected load index on an average forecast day, now and with the what-if (null: removed).</summary>
public sealed record ProjectedLoad(int StaffId, string FullName, double Now, double? WhatIf);

public sealed record PlanningResult(
    DateOnly HistoryStart, DateOnly FirstForecastWeek, double MinutesPerDossier, double DayHours,
    IReadOnlyList<DepartmentPlan> Departments, IReadOnlyList<WeekNeed> Needs, IReadOnlyList<ProjectedLoad> Loads,
    int StaffNow, int StaffWhatIf, IReadOnlyList<string> LeftUncovered);

/// <summary>
/// Planning for /staffing: weekly intake per department over the last 52 weeks, the next four weeks forecast
/// (<see cref="VolumeForecast"/>), the postal staff the covered departments need (<see cref="StaffNeed"/>) at the
/// measured handling times, and the same with a what-if.
/// </summary>
public sealed class PlanningQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time)
{
    public const int HistoryWeeks = 52;
    public const int ForecastWeeks = 4;

    public async Task<PlanningResult> RunAsync(WhatIf whatIf, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var today = WorkingCalendar.LocalDate(now);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var historyStart = thisMonday.AddDays(-7 * HistoryWeeks);
        var firstWeek = thisMonday.AddDays(7);
        await using var db = await contexts.CreateDbContextAsync(ct);

        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Code, d.Name, d.PostalCovered }).ToListAsync(ct);
        var fromUtc = WorkingCalendar.ToUtc(historyStart.ToDateTime(TimeOnly.MinValue));
        var toUtc = WorkingCalendar.ToUtc(today.ToDateTime(TimeOnly.MinValue));
        // Counted per department and local day in SQL; a year is at most 17 × 366 rows.
        var daily = (await db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt >= fromUtc && d.ReceivedAt < toUtc)
                .GroupBy(d => new { d.DepartmentId, Day = d.ReceivedAt.AddHours(7).Date })
                .Select(g => new { g.Key.DepartmentId, g.Key.Day, Count = g.Count() })
                .ToListAsync(ct))
            .ToLookup(x => x.DepartmentId, x => (Day: DateOnly.FromDateTime(x.Day), x.Count));

        var plans = departments.Select(d =>
        {
            var counts = daily[d.Id].GroupBy(x => x.Day).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
            var history = Enumerable.Range(0, HistoryWeeks).Select(w => historyStart.AddDays(7 * w))
                .Select(w => (w, Enumerable.Range(0, 7).Sum(i => counts.GetValueOrDefault(w.AddDays(i))))).ToList();
            var forecast = VolumeForecast.Forecast(counts, historyStart, today, firstWeek, ForecastWeeks, calendar.IsWorkingDay, VietnameseLunarCalendar.NewYear);
            return new DepartmentPlan(d.Id, d.Code, d.Name, d.PostalCovered, !d.PostalCovered && whatIf.AddDepartments.Contains(d.Id), history, forecast);
        }).ToList();

        var roster = await StaffingQuery.RosterAsync(db, today, ct);
        var times = HandlingTimes.Measure(await StaffingQuery.ActionsAsync(db, roster.Select(r => r.Id).ToList(), now, ct), calendar);
        var minutesPerDossier = Enum.GetValues<PostalStep>().Sum(p => times[(null, p)].Minutes);
        var dayHours = calendar.DayLength.TotalHours;

        var covered = plans.Where(p => p.PostalCovered).ToList();
        var coveredWhatIf = plans.Where(p => p.PostalCovered || p.AddedInWhatIf).ToList();
        var needs = Enumerable.Range(0, ForecastWeeks).Select(w =>
        {
            var days = plans.Count > 0 ? plans[0].Forecast.Weeks[w].WorkingDays : 5;
            var now1 = covered.Sum(p => p.Forecast.Weeks[w].Dossiers);
            var with = coveredWhatIf.Sum(p => p.Forecast.Weeks[w].Dossiers);
            var fte = StaffNeed.FullTimeEquivalent(now1, minutesPerDossier, days, dayHours);
            var fteWith = StaffNeed.FullTimeEquivalent(with, minutesPerDossier, days, dayHours);
            return new WeekNeed(firstWeek.AddDays(7 * w), now1, fte, StaffNeed.People(fte), with, fteWith, StaffNeed.People(fteWith));
        }).ToList();

        // Projected loads on an average forecast day: each department's daily postal hours shared among its coverers.
        List<DepartmentWork> Work(IEnumerable<DepartmentPlan> ps) => ps.Select(p =>
        {
            var days = p.Forecast.Weeks.Sum(w => w.WorkingDays);
            return new DepartmentWork(p.DepartmentId, days == 0 ? 0 : p.Forecast.Weeks.Sum(w => w.Dossiers) / days * minutesPerDossier / 60);
        }).ToList();
        var covers = roster.ToDictionary(r => r.Id, r => r.Covers);
        var everyone = roster.Select(r => r.Id).ToList();
        var remaining = everyone.Where(id => !whatIf.RemoveStaff.Contains(id)).ToList();
        var loadsNow = StaffNeed.ProjectedLoads(everyone, covers, Work(covered), dayHours);
        var loadsWith = StaffNeed.ProjectedLoads(remaining, covers, Work(coveredWhatIf), dayHours);
        var loads = roster.Select(r => new ProjectedLoad(r.Id, r.FullName, loadsNow[r.Id], loadsWith.TryGetValue(r.Id, out var l) ? l : null)).ToList();
        var leftUncovered = covered.Where(p => !remaining.Any(id => covers[id].Contains(p.DepartmentId))).Select(p => p.Name)
            .Concat(plans.Where(p => p.AddedInWhatIf).Select(p => p.Name)).ToList();

        return new PlanningResult(historyStart, firstWeek, minutesPerDossier, dayHours, plans, needs, loads, everyone.Count, remaining.Count, leftUncovered);
    }
}
