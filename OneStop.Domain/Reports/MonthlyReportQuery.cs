using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Reports;

/// <summary>
/// Computes the monthly review: one computation that the page, the exports and the snapshot job share.
/// </summary>
/// <remarks>
/// Counts are SQL aggregates over the Dossiers indexes, grouped at the finest grain the breakdowns need
/// (procedure × the postal staff member who received the dossier), then rolled up in memory into departments,
/// procedures, staff and the center:
/// <list type="bullet">
/// <item>received by channel: a range of (ReceivedAt, DepartmentId, Channel);</item>
/// <item>resolved and their outcomes: a range of (CompletedAt, DepartmentId). These rows are read one by one because
/// processing time is working time (office hours, holidays, pauses), which only the calendar can count;</item>
/// <item>apology letters and supplement requests: a range of DossierEvents (Type, At);</item>
/// <item>returned by post and satisfaction: a range of (ReturnedAt, ResultDelivery);</item>
/// <item>in progress at the end of the period: everything received before it and not completed by then.</item>
/// </list>
/// The receiver comes from the dossier's Received event (index DossierId, Id). Late attribution reads the events of the
/// month's late dossiers only.
/// </remarks>
public sealed partial class MonthlyReportQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time,
    IOptions<ReportOptions> options)
{
    /// <summary>The whole center's report for a month, as of now (a running month stops at now).</summary>
    public async Task<MonthlyReport> RunAsync(ReportMonth month, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        var clock = await calendars.GetClockAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var catalog = await Catalog.LoadAsync(db, clock, ct);

        var current = await FactsAsync(connection, month.Period, now, clock, catalog, ct);
        var previous = await FactsAsync(connection, month.Previous.Period, now, clock, catalog, ct);
        var lastYear = await FactsAsync(connection, month.SameMonthLastYear.Period, now, clock, catalog, ct);

        ReportRow Row(string key, string name, int? departmentId, Func<Grain, bool> filter) =>
            new(key, name, departmentId, current.Sum(filter), previous.Sum(filter), lastYear.Sum(filter));

        var total = Row("", "Toàn Trung tâm", null, _ => true);
        var departments = catalog.Departments
            .Select(d => Row(d.Code, d.Name, d.Id, g => catalog.DepartmentOf(g.ProcedureId) == d.Id)).ToList();
        var procedures = catalog.Procedures.Values.OrderBy(p => catalog.DepartmentOrder(p.DepartmentId)).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => Row(p.Code, p.Name, p.DepartmentId, g => g.ProcedureId == p.Id))
            .Where(r => !(r.Current.IsEmpty && r.Previous.IsEmpty && r.LastYear.IsEmpty)).ToList();
        var postal = catalog.PostalStaff.OrderBy(s => s.FullName, StringComparer.Ordinal).ToList();
        var staff = postal.Select(s => Row(s.UserName, s.FullName, null, g => g.ReceiverId == s.Id))
            .Where(r => !(r.Current.IsEmpty && r.Previous.IsEmpty && r.LastYear.IsEmpty)).ToList();
        var staffByDepartment = postal.SelectMany(s => catalog.Departments.Select(d =>
                Row(s.UserName, s.FullName, d.Id, g => g.ReceiverId == s.Id && catalog.DepartmentOf(g.ProcedureId) == d.Id)))
            .Where(r => !(r.Current.IsEmpty && r.Previous.IsEmpty && r.LastYear.IsEmpty)).ToList();

        var late = await LateAttribution.RunAsync(db, month.Period, clock, catalog, ct);
        var revise = await ProceduresToReviseAsync(connection, month, settings, clock, catalog, ct);
        var scorecard = Scorecard(departments, settings.Scorecard);

        return new MonthlyReport
        {
            Month = month.Key,
            ComputedAt = now,
            Total = total,
            Departments = departments,
            Procedures = procedures,
            PostalStaff = staff,
            PostalStaffByDepartment = staffByDepartment,
            LateDossiers = late,
            ProceduresToRevise = revise,
            ReviseMonths = settings.ReviseMonths,
            Scorecard = scorecard,
            Weights = settings.Scorecard,
        };
    }

    /// <summary>The center's figures over any period (a year for a pilot's summary), as of now.</summary>
    public async Task<ReportFigures> TotalsAsync(ReportPeriod period, CancellationToken ct = default)
    {
        var clock = await calendars.GetClockAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var catalog = await Catalog.LoadAsync(db, clock, ct);
        var facts = await FactsAsync(db.Database.GetDbConnection(), period, time.GetUtcNow().UtcDateTime, clock, catalog, ct);
        return facts.Sum(_ => true);
    }

    // ─────────────────────────── scorecard ───────────────────────────

    /// <summary>Weighted mean of the rates a department has, ×100; departments with none of them are not ranked.</summary>
    internal static IReadOnlyList<ScorecardRow> Scorecard(IReadOnlyList<ReportRow> departments, ScorecardWeights w)
    {
        var scored = new List<(ReportRow Row, double Score)>();
        foreach (var d in departments)
        {
            var f = d.Current;
            double sum = 0, weights = 0;
            void Add(double? rate, double weight)
            {
                if (rate is not { } r || weight <= 0) return;
                sum += r * weight;
                weights += weight;
            }
            Add(f.OnTimeRate, w.OnTime);
            Add(f.OnlineShare, w.Online);
            Add(f.DigitizationRate, w.Digitization);
            Add(f.SatisfactionRate, w.Satisfaction);
            if (weights > 0) scored.Add((d, Math.Round(100 * sum / weights, 2)));
        }
        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Row.Name, StringComparer.Ordinal)
            .Select((s, i) => new ScorecardRow(i + 1, s.Row.DepartmentId!.Value, s.Row.Key, s.Row.Name,
                s.Row.Current.OnTimeRate, s.Row.Current.OnlineShare, s.Row.Current.DigitizationRate, s.Row.Current.SatisfactionRate, s.Score))
            .ToList();
    }

    // ─────────────────────────── procedures to revise ───────────────────────────

    private static async Task<IReadOnlyList<ProcedureToRevise>> ProceduresToReviseAsync(DbConnection connection, ReportMonth month, ReportOptions settings,
        DeadlineClock clock, Catalog catalog, CancellationToken ct)
    {
        var months = Math.Max(1, settings.ReviseMonths);
        var from = month.AddMonths(-(months - 1)).StartUtc;
        var rows = await ResolvedAsync(connection, from, month.EndUtc, withReceiver: false, clock, catalog, ct);
        var result = new List<ProcedureToRevise>();
        foreach (var group in rows.GroupBy(r => r.Grain.ProcedureId))
        {
            if (!catalog.Procedures.TryGetValue(group.Key, out var p)) continue;
            var days = group.Select(r => r.Days).ToList();
            if (days.Count < Math.Max(1, settings.ReviseMinimumResults)) continue;
            var p90 = Percentile90(days);
            if (p90 <= p.StatutoryDays) continue;
            var realistic = p.Unit == TimeUnit.WorkingHours
                ? (int)Math.Ceiling(Math.Round(p90 * clock.Calendar.DayLength.TotalHours, 6))
                : (int)Math.Ceiling(Math.Round(p90, 6));
            result.Add(new ProcedureToRevise(p.Code, p.Name, p.DepartmentId, catalog.DepartmentName(p.DepartmentId), days.Count,
                Math.Round(p.StatutoryDays, 2), Math.Round(p90, 2), Math.Round(days.Average(), 2),
                group.Count(r => r.Outcome == Outcome.Late) / (double)days.Count,
                p.StatutoryAmount, realistic, p.Unit == TimeUnit.WorkingHours ? "giờ làm việc" : "ngày làm việc"));
        }
        return result.OrderByDescending(r => r.P90Days / Math.Max(r.StatutoryDays, 1e-9)).ThenBy(r => r.ProcedureCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>Nearest-rank 90th percentile: the smallest value with at least 90 % of the values at or below it.</summary>
    public static double Percentile90(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = (int)Math.Ceiling(0.9 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
