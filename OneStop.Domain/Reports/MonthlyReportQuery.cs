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
public sealed class MonthlyReportQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time,
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

    // ─────────────────────────── the figures of one period ───────────────────────────

    /// <summary>The breakdowns' finest grain: a procedure and the person who received the dossier (null: the system).</summary>
    internal readonly record struct Grain(int ProcedureId, int? ReceiverId);

    private sealed record Resolved(Grain Grain, Outcome Outcome, double Days, double StatutoryDays);

    /// <summary>Counts per grain and the resolved dossiers' processing times, for one period.</summary>
    private sealed class Facts
    {
        public Dictionary<Grain, ReportFigures> Counts { get; } = new();
        public List<Resolved> Resolved { get; } = new();

        public ReportFigures At(Grain g) => Counts.TryGetValue(g, out var f) ? f : Counts[g] = new ReportFigures();

        public ReportFigures Sum(Func<Grain, bool> filter)
        {
            var result = new ReportFigures();
            foreach (var (g, f) in Counts)
                if (filter(g)) result.AddCounts(f);
            var resolved = Resolved.Where(r => filter(r.Grain)).ToList();
            if (resolved.Count > 0)
            {
                result.AverageDays = Math.Round(resolved.Average(r => r.Days), 2);
                result.P90Days = Math.Round(Percentile90(resolved.Select(r => r.Days).ToList()), 2);
                result.StatutoryDays = Math.Round(resolved.Average(r => r.StatutoryDays), 2);
            }
            return result;
        }
    }

    private const string Receiver =
        "(SELECT e.\"ActorId\" FROM \"DossierEvents\" e INDEXED BY \"IX_DossierEvents_DossierId_Id\" WHERE e.\"DossierId\" = d.\"Id\" AND e.\"Type\" = 'Received' ORDER BY e.\"Id\" LIMIT 1)";

    private static async Task<Facts> FactsAsync(DbConnection connection, ReportPeriod period, DateTime now, DeadlineClock clock, Catalog catalog,
        CancellationToken ct)
    {
        var facts = new Facts();
        if (period.StartUtc >= now) return facts; // a month that has not begun
        var end = period.EndUtc < now ? period.EndUtc : now;

        // Received, by channel; digitized = left the reception step.
        await ReadAsync(connection, $"""
            SELECT d."ProcedureId", {Receiver}, d."Channel", d."CurrentStep" > 1, COUNT(*)
            FROM "Dossiers" d WHERE d."ReceivedAt" >= $from AND d."ReceivedAt" < $to
            GROUP BY 1, 2, 3, 4
            """, period.StartUtc, end, r =>
        {
            var f = facts.At(new Grain(r.GetInt32(0), NullableInt(r, 1)));
            var n = r.GetInt32(4);
            f.Received += n;
            switch (Enum.Parse<Channel>(r.GetString(2)))
            {
                case Channel.Counter: f.ReceivedCounter += n; break;
                case Channel.Online: f.ReceivedOnline += n; break;
                default: f.ReceivedPost += n; break;
            }
            if (r.GetInt64(3) != 0) f.Digitized += n;
        }, ct);

        // Resolved: outcomes and processing times.
        foreach (var row in await ResolvedAsync(connection, period.StartUtc, end, withReceiver: true, clock, catalog, ct))
        {
            var f = facts.At(row.Grain);
            switch (row.Outcome)
            {
                case Outcome.Early: f.Early++; break;
                case Outcome.OnTime: f.OnTime++; break;
                default: f.Late++; break;
            }
            facts.Resolved.Add(row);
        }

        // In progress at the end (received before it, not completed by then), and of those, past the statutory
        // appointment with the clock running (not inside a pause at that instant). Two ranges instead of a scan of every
        // dossier ever received: those open now (the open partial index, whose filter the first branch repeats; a ready
        // result already has its CompletedAt) and those completed after the end (the CompletedAt index).
        await ReadAsync(connection, $"""
            SELECT d."ProcedureId", {Receiver}, COUNT(*),
                SUM(CASE WHEN d."OriginalAppointmentAt" < $to AND NOT EXISTS (SELECT 1 FROM "DossierPauses" p WHERE p."DossierId" = d."Id"
                    AND p."StartedAt" <= $to AND (p."EndedAt" IS NULL OR p."EndedAt" > $to)) THEN 1 ELSE 0 END)
            FROM (SELECT "Id" FROM "Dossiers" WHERE {OneStopDbContext.OpenStatusFilter} AND "CompletedAt" IS NULL AND "ReceivedAt" < $to
                  UNION ALL
                  SELECT "Id" FROM "Dossiers" WHERE "CompletedAt" >= $to AND "ReceivedAt" < $to) x
            JOIN "Dossiers" d ON d."Id" = x."Id"
            GROUP BY 1, 2
            """, period.StartUtc, end, r =>
        {
            var f = facts.At(new Grain(r.GetInt32(0), NullableInt(r, 1)));
            f.InProgress += r.GetInt32(2);
            f.Overdue += r.GetInt32(3);
        }, ct);

        // Apology letters and supplement requests issued in the period.
        await ReadAsync(connection, $"""
            SELECT d."ProcedureId", {Receiver}, x."Type", COUNT(*)
            FROM "DossierEvents" x JOIN "Dossiers" d ON d."Id" = x."DossierId"
            WHERE x."Type" IN ('{nameof(DossierEventType.ApologyIssued)}', '{nameof(DossierEventType.SupplementRequested)}')
              AND x."At" >= $from AND x."At" < $to
            GROUP BY 1, 2, 3
            """, period.StartUtc, end, r =>
        {
            var f = facts.At(new Grain(r.GetInt32(0), NullableInt(r, 1)));
            if (r.GetString(2) == nameof(DossierEventType.ApologyIssued)) f.Apologies += r.GetInt32(3);
            else f.SupplementRequests += r.GetInt32(3);
        }, ct);

        // Results returned in the period: by post, and the satisfaction asked at return.
        await ReadAsync(connection, $"""
            SELECT d."ProcedureId", {Receiver},
                SUM(CASE WHEN d."ResultDelivery" = '{nameof(ResultDelivery.Post)}' THEN 1 ELSE 0 END),
                SUM(CASE WHEN d."Satisfied" IS NOT NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN d."Satisfied" = 1 THEN 1 ELSE 0 END)
            FROM "Dossiers" d WHERE d."ReturnedAt" >= $from AND d."ReturnedAt" < $to
            GROUP BY 1, 2
            """, period.StartUtc, end, r =>
        {
            var f = facts.At(new Grain(r.GetInt32(0), NullableInt(r, 1)));
            f.ReturnedByPost += r.GetInt32(2);
            f.SatisfactionResponses += r.GetInt32(3);
            f.Satisfied += r.GetInt32(4);
        }, ct);
        return facts;
    }

    /// <summary>Dossiers resolved (approved, with an outcome) in [from, to), with their processing time in working days.</summary>
    private static async Task<List<Resolved>> ResolvedAsync(DbConnection connection, DateTime from, DateTime to, bool withReceiver, DeadlineClock clock,
        Catalog catalog, CancellationToken ct)
    {
        var list = new List<Resolved>();
        var day = clock.Calendar.DayLength;
        await ReadAsync(connection, $"""
            SELECT d."ProcedureId", {(withReceiver ? Receiver : "NULL")}, d."Outcome", d."ReceivedAt", d."CompletedAt", d."PausedWorkingMinutes"
            FROM "Dossiers" d WHERE d."CompletedAt" >= $from AND d."CompletedAt" < $to AND d."Outcome" IS NOT NULL
            """, from, to, r =>
        {
            var procedureId = r.GetInt32(0);
            var received = DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc);
            var completed = DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc);
            var worked = clock.Calendar.WorkingTimeBetween(received, completed) - TimeSpan.FromMinutes(r.GetInt32(5));
            var days = worked > TimeSpan.Zero ? worked / day : 0;
            var statutory = catalog.Procedures.TryGetValue(procedureId, out var p) ? p.StatutoryDays : 0;
            list.Add(new Resolved(new Grain(procedureId, NullableInt(r, 1)), Enum.Parse<Outcome>(r.GetString(2)), days, statutory));
        }, ct);
        return list;
    }

    private static int? NullableInt(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static async Task ReadAsync(DbConnection connection, string sql, DateTime from, DateTime to, Action<DbDataReader> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "$from", from);
        Add(command, "$to", to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) row(reader);
    }

    private static void Add(DbCommand command, string name, DateTime utc)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DateTime.SpecifyKind(utc, DateTimeKind.Utc); // the same text EF writes for an instant
        command.Parameters.Add(parameter);
    }

    // ─────────────────────────── the catalog the breakdowns name ───────────────────────────

    internal sealed record ProcedureFacts(int Id, string Code, string Name, int DepartmentId, int StatutoryAmount, TimeUnit Unit, double StatutoryDays);
    internal sealed record DepartmentFacts(int Id, string Code, string Name, int SortOrder);
    internal sealed record StaffFacts(int Id, string UserName, string FullName, StaffRole Role);

    internal sealed class Catalog
    {
        public required IReadOnlyList<DepartmentFacts> Departments { get; init; }
        public required IReadOnlyDictionary<int, ProcedureFacts> Procedures { get; init; }
        public required IReadOnlyDictionary<int, StaffFacts> Staff { get; init; }
        public required IReadOnlyDictionary<(int ProcedureId, int Order), ProcedureStep> Steps { get; init; }

        public IEnumerable<StaffFacts> PostalStaff => Staff.Values.Where(s => s.Role == StaffRole.PostalStaff);
        public int DepartmentOf(int procedureId) => Procedures.TryGetValue(procedureId, out var p) ? p.DepartmentId : 0;
        public string DepartmentName(int id) => Departments.FirstOrDefault(d => d.Id == id)?.Name ?? "";
        public int DepartmentOrder(int id)
        {
            for (int i = 0; i < Departments.Count; i++) if (Departments[i].Id == id) return i;
            return int.MaxValue;
        }

        public static async Task<Catalog> LoadAsync(OneStopDbContext db, DeadlineClock clock, CancellationToken ct)
        {
            var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
                .Select(d => new DepartmentFacts(d.Id, d.Code, d.Name, d.SortOrder)).ToListAsync(ct);
            var day = clock.Calendar.DayLength;
            var procedures = (await db.Procedures.AsNoTracking()
                    .Select(p => new { p.Id, p.Code, p.Name, p.DepartmentId, p.StatutoryAmount, p.StatutoryUnit }).ToListAsync(ct))
                .ToDictionary(p => p.Id, p => new ProcedureFacts(p.Id, p.Code, p.Name, p.DepartmentId, p.StatutoryAmount, p.StatutoryUnit,
                    clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit) / day));
            var staff = await db.Staff.AsNoTracking().Select(s => new StaffFacts(s.Id, s.UserName, s.FullName, s.Role)).ToDictionaryAsync(s => s.Id, ct);
            var steps = await db.ProcedureSteps.AsNoTracking().ToDictionaryAsync(s => (s.ProcedureId, s.Order), ct);
            return new Catalog { Departments = departments, Procedures = procedures, Staff = staff, Steps = steps };
        }
    }
}
