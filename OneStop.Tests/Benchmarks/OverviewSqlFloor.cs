using System.Data.Common;
using System.Globalization;
using System.Text;
using OneStop.Domain.Persistence;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dashboard;

namespace OneStop.Benchmarks;

/// <summary>
/// The floor the overview is measured against: the same figures as <see cref="OverviewSnapshotQuery"/>, from
/// hand-written SQL in one command (one round trip, eleven statements) on a plain ADO.NET connection, no EF, on
/// either provider (the statements differ only in the page-cache pragma, SQLite's, and how the UTC hour of an instant
/// is read: SQLite stores text, PostgreSQL a timestamp). Only what SQL cannot do is left to C#: local (UTC+7) dates and
/// hours, working time. Kept as lean as we could write it, so that the ratio to it says what EF and the query's shape cost.
/// </summary>
public sealed class OverviewSqlFloor(BenchmarkStore store, CenterCalendarProvider calendars, TimeProvider time)
{
    public OverviewSqlFloor(string sqliteConnectionString, CenterCalendarProvider calendars, TimeProvider time)
        : this(new BenchmarkStore(DatabaseProvider.Sqlite, sqliteConnectionString), calendars, time) { }

    private const string Open = "\"Status\" IN ('Received','InProgress','WaitingSupplement','ResultReady')";

    // The hour (UTC) an instant was received in: SQLite keeps "yyyy-MM-dd HH:mm:ss…" text, PostgreSQL a timestamptz.
    private const string SqliteUtcHour = """CAST(substr("ReceivedAt", 12, 2) AS INTEGER)""";
    private const string PostgreSqlUtcHour = """CAST(EXTRACT(HOUR FROM "ReceivedAt" AT TIME ZONE 'UTC') AS INTEGER)""";

    // The open filter is written exactly as the partial indexes' filter so that SQLite can use them. Each
    // statement is answered from one index alone; see OverviewSnapshotQuery for which.
    private static string Statements(bool postgreSql) => $"""
        {(postgreSql ? "" : OverviewSnapshotQuery.PageCachePragma + ";")}

        SELECT "Id", "Code", "Name", "PostalCovered",
            (SELECT COUNT(*) FROM "Dossiers" AS d WHERE d.{Open} AND d."DepartmentId" = dep."Id"
                AND d."Status" IN ('Received','InProgress') AND d."AppointmentAt" < @now),
            (SELECT COUNT(*) FROM "Dossiers" AS d WHERE d.{Open} AND d."DepartmentId" = dep."Id"
                AND d."Status" IN ('Received','InProgress') AND d."AppointmentAt" >= @now AND d."AppointmentAt" < @soon),
            (SELECT MIN(d."ReceivedAt") FROM "Dossiers" AS d WHERE d.{Open} AND d."DepartmentId" = dep."Id" AND d."Status" <> 'ResultReady')
        FROM "Departments" AS dep ORDER BY "SortOrder", "Name";

        SELECT "ProcedureId", "Order", "Kind" FROM "ProcedureSteps";

        SELECT "DepartmentId", "ProcedureId", "CurrentStep", "Status", COUNT(*) FROM "Dossiers"
        WHERE {Open} GROUP BY "DepartmentId", "ProcedureId", "CurrentStep", "Status";

        SELECT c."DepartmentId", s."FullName" FROM "StaffCoverage" AS c JOIN "Staff" AS s ON s."Id" = c."StaffId"
        WHERE s."Active" ORDER BY s."FullName";

        SELECT {(postgreSql ? PostgreSqlUtcHour : SqliteUtcHour)}, "Channel", COUNT(*) FROM "Dossiers"
        WHERE "ReceivedAt" >= @today AND "ReceivedAt" <= @now GROUP BY 1, 2;

        SELECT COUNT(*) FROM "Dossiers" WHERE "ReceivedAt" >= @month AND "ReceivedAt" <= @now;

        SELECT COUNT(*) FROM "Dossiers" WHERE "ReceivedAt" >= @month AND "ReceivedAt" <= @now AND "Channel" = 'Online';

        SELECT COUNT(*) FROM "Dossiers" WHERE "ReturnedAt" >= @month AND "ReturnedAt" <= @now AND "ResultDelivery" = 'Post';

        SELECT d."Code", dep."Code", dep."Name", p."Name", s."Name", d."CurrentStep", h."FullName", d."AppointmentAt"
        FROM "Dossiers" AS d
        JOIN "Departments" AS dep ON dep."Id" = d."DepartmentId"
        JOIN "Procedures" AS p ON p."Id" = d."ProcedureId"
        LEFT JOIN "ProcedureSteps" AS s ON s."ProcedureId" = d."ProcedureId" AND s."Order" = d."CurrentStep"
        LEFT JOIN "Staff" AS h ON h."Id" = d."CurrentHandlerId"
        WHERE d.{Open} AND d."Status" IN ('Received','InProgress') AND d."AppointmentAt" < @soon
        ORDER BY d."AppointmentAt", d."Id" LIMIT {OverviewSnapshotQuery.AtRiskLimit};
        """;

    // Results per local day and outcome: three range counts per day on (Outcome, CompletedAt); days as parameters.
    private const string ResultsPerDay = """
        SELECT "i",
            (SELECT COUNT(*) FROM "Dossiers" WHERE "Outcome" = 'Early' AND "CompletedAt" >= "from" AND "CompletedAt" <= "to"),
            (SELECT COUNT(*) FROM "Dossiers" WHERE "Outcome" = 'OnTime' AND "CompletedAt" >= "from" AND "CompletedAt" <= "to"),
            (SELECT COUNT(*) FROM "Dossiers" WHERE "Outcome" = 'Late' AND "CompletedAt" >= "from" AND "CompletedAt" <= "to")
        FROM "days";
        """;

    public async Task<OverviewSnapshot> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var clock = await calendars.GetClockAsync(ct);
        var calendar = clock.Calendar;
        var soon = calendar.AddWorkingTime(now, calendar.DayLength);
        var localNow = WorkingCalendar.ToLocal(now);
        var todayStart = WorkingCalendar.ToUtc(localNow.Date);
        var monthStart = WorkingCalendar.ToUtc(new DateTime(localNow.Year, localNow.Month, 1));
        var trendStart = WorkingCalendar.ToUtc(localNow.Date.AddDays(-(OverviewSnapshotQuery.TrendDays - 1)));
        var resultsStart = trendStart < monthStart ? trendStart : monthStart;

        await using var connection = store.OpenConnection();
        await using var command = connection.CreateCommand();
        // One command: the statements above, then the results per day with the days in a VALUES list.
        var sql = new StringBuilder(Statements(store.IsPostgreSql)).Append("WITH \"days\"(\"i\", \"from\", \"to\") AS (VALUES ");
        var days = new List<DateOnly>();
        for (var start = resultsStart; start <= now; start = start.AddDays(1))
        {
            int i = days.Count;
            days.Add(DateOnly.FromDateTime(WorkingCalendar.ToLocal(start)));
            var end = start.AddDays(1).AddTicks(-1);
            sql.Append(i > 0 ? ", " : "").Append(CultureInfo.InvariantCulture, $"({i}, @from{i}, @to{i})");
            Add(command, "@from" + i, start);
            Add(command, "@to" + i, end < now ? end : now);
        }
        command.CommandText = sql.Append(") ").Append(ResultsPerDay).ToString();
        Add(command, "@now", now);
        Add(command, "@soon", soon);
        Add(command, "@today", todayStart);
        Add(command, "@month", monthStart);
        await using var r = await command.ExecuteReaderAsync(ct);

        var departments = new List<(int Id, string Code, string Name, bool Postal, int Overdue, int DueSoon, DateTime? Oldest)>();
        while (await r.ReadAsync(ct))
            departments.Add((r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), Int(r, 4), Int(r, 5),
                r.IsDBNull(6) ? null : Utc(r.GetDateTime(6))));
        if (departments.Count == 0)
            return new OverviewSnapshot(now, new OverviewTiles(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), [], [], [], []);

        var kinds = new Dictionary<(int, int), string>();
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct)) kinds[(r.GetInt32(0), r.GetInt32(1))] = r.GetString(2);

        // Per department: reception, processing, inter-agency, approval, ready, paused.
        var counts = new Dictionary<int, int[]>();
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            int dept = r.GetInt32(0);
            if (!counts.TryGetValue(dept, out var c)) counts[dept] = c = new int[6];
            var status = r.GetString(3);
            int n = Int(r, 4);
            if (status is "Received" or "InProgress")
            {
                int slot = (kinds.TryGetValue((r.GetInt32(1), r.GetInt32(2)), out var kind) ? kind : "Processing") switch
                {
                    "Reception" => 0, "Processing" => 1, "InterAgency" => 2, "Approval" => 3, _ => -1,
                };
                if (slot >= 0) c[slot] += n;
            }
            else if (status == "ResultReady") c[4] += n;
            else c[5] += n;
        }

        var covering = new Dictionary<int, List<string>>();
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            int dept = r.GetInt32(0);
            if (!covering.TryGetValue(dept, out var names)) covering[dept] = names = [];
            names.Add(r.GetString(1));
        }

        var rows = new List<DepartmentRow>(departments.Count);
        foreach (var (id, code, name, postal, overdue, dueSoon, oldest) in departments)
        {
            var c = counts.TryGetValue(id, out var x) ? x : new int[6];
            rows.Add(new DepartmentRow(id, code, name, postal, c[0], c[1], c[2], c[3], c[4], c[5], dueSoon, overdue,
                oldest is { } o ? calendar.WorkingTimeBetween(o, now) : null,
                covering.TryGetValue(id, out var names) ? names : []));
        }

        var hourly = new int[24, 3];
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            hourly[(r.GetInt32(0) + 7) % 24, Channel(r.GetString(1))] += Int(r, 2);
        var intake = Enumerable.Range(0, 24).Select(h => new HourlyIntake(h, hourly[h, 0], hourly[h, 1], hourly[h, 2])).ToList();

        int receivedThisMonth = await ScalarAsync(r, ct), onlineThisMonth = await ScalarAsync(r, ct), returnedByPost = await ScalarAsync(r, ct);

        var atRisk = new List<AtRiskDossier>(OverviewSnapshotQuery.AtRiskLimit);
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var due = Utc(r.GetDateTime(7));
            atRisk.Add(new AtRiskDossier(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? $"Bước {r.GetInt32(5)}" : r.GetString(4), r.IsDBNull(6) ? null : r.GetString(6),
                due, clock.Remaining(due, now)));
        }

        var today = DateOnly.FromDateTime(localNow);
        var firstDay = today.AddDays(-(OverviewSnapshotQuery.TrendDays - 1));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var resolved = new int[OverviewSnapshotQuery.TrendDays];
        var onTime = new int[OverviewSnapshotQuery.TrendDays];
        int early = 0, inTime = 0, late = 0;
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var day = days[r.GetInt32(0)];
            int e = Int(r, 1), t = Int(r, 2), l = Int(r, 3);
            int i = day.DayNumber - firstDay.DayNumber;
            if (i >= 0 && i < resolved.Length)
            {
                resolved[i] = e + t + l;
                onTime[i] = e + t;
            }
            if (day >= firstOfMonth)
            {
                early += e;
                inTime += t;
                late += l;
            }
        }
        var trend = Enumerable.Range(0, resolved.Length).Select(i => new DailyOnTime(firstDay.AddDays(i), resolved[i], onTime[i])).ToList();

        var tiles = new OverviewTiles(
            intake.Sum(h => h.Total), intake.Sum(h => h.Counter), intake.Sum(h => h.Online), intake.Sum(h => h.Post),
            rows.Sum(x => x.Open), rows.Sum(x => x.DueSoon), rows.Sum(x => x.Overdue),
            early, inTime, late, receivedThisMonth, onlineThisMonth, returnedByPost);
        return new OverviewSnapshot(now, tiles, rows, intake, trend, atRisk);
    }

    private static async Task<int> ScalarAsync(DbDataReader r, CancellationToken ct)
    {
        await r.NextResultAsync(ct);
        await r.ReadAsync(ct);
        return Int(r, 0);
    }

    /// <summary>A count: SQLite's integer, PostgreSQL's bigint.</summary>
    private static int Int(DbDataReader r, int ordinal) => Convert.ToInt32(r.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>An instant as a UTC parameter (Npgsql writes only UTC DateTimes to timestamp with time zone).</summary>
    private static void Add(DbCommand command, string name, DateTime utc)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        command.Parameters.Add(parameter);
    }

    private static int Channel(string channel) => channel switch { "Counter" => 0, "Online" => 1, _ => 2 };

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
