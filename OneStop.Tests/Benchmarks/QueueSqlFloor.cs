using Microsoft.Data.Sqlite;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Dossiers;

namespace OneStop.Benchmarks;

/// <summary>
/// The floor a department queue is measured against: the same <see cref="DepartmentQueue"/> as
/// <see cref="DepartmentQueueQuery"/> for the center director (who sees every department, applicants in full), from
/// hand-written SQL in one command on a plain <see cref="SqliteConnection"/>, no EF. C# does only what SQL cannot:
/// remaining working time.
/// </summary>
public sealed class QueueSqlFloor(string connectionString, CenterCalendarProvider calendars, TimeProvider time)
{
    private const string Open = "\"Status\" IN ('Received','InProgress','WaitingSupplement','ResultReady')";

    private static readonly string Statements = $"""
        SELECT "Id", "Code", "Name" FROM "Departments" WHERE "Code" = $code;

        SELECT s."ProcedureId", s."Order", s."Name", s."Kind" FROM "ProcedureSteps" AS s
        JOIN "Procedures" AS p ON p."Id" = s."ProcedureId" JOIN "Departments" AS dep ON dep."Id" = p."DepartmentId"
        WHERE dep."Code" = $code;

        SELECT d."Code", d."ApplicantName", p."Name", d."ProcedureId", d."CurrentStep", d."Status", d."CurrentHandlerId",
               h."FullName", d."Channel", d."ReceivedAt", d."AppointmentAt", d."ApologyIssued"
        FROM "Dossiers" AS d
        JOIN "Procedures" AS p ON p."Id" = d."ProcedureId"
        LEFT JOIN "Staff" AS h ON h."Id" = d."CurrentHandlerId"
        WHERE d.{Open} AND d."DepartmentId" = (SELECT "Id" FROM "Departments" WHERE "Code" = $code)
        ORDER BY d."AppointmentAt";
        """;

    public async Task<DepartmentQueue?> RunAsync(string departmentCode, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var clock = await calendars.GetClockAsync(ct);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Statements;
        command.Parameters.AddWithValue("$code", departmentCode);
        await using var r = await command.ExecuteReaderAsync(ct);

        if (!await r.ReadAsync(ct)) return null;
        var (id, code, name) = (r.GetInt32(0), r.GetString(1), r.GetString(2));

        await r.NextResultAsync(ct);
        var steps = new Dictionary<(int, int), (string Name, StepKind Kind)>();
        while (await r.ReadAsync(ct)) steps[(r.GetInt32(0), r.GetInt32(1))] = (r.GetString(2), Enum.Parse<StepKind>(r.GetString(3)));

        await r.NextResultAsync(ct);
        var items = new List<QueueItem>();
        while (await r.ReadAsync(ct))
        {
            var step = r.GetInt32(4);
            var known = steps.TryGetValue((r.GetInt32(3), step), out var s);
            var due = Utc(r.GetDateTime(10));
            items.Add(new QueueItem(r.GetString(0), r.GetString(1), r.GetString(2), step,
                known ? s.Name : $"Bước {step}", known ? s.Kind : StepKind.Processing, Enum.Parse<DossierStatus>(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7), Enum.Parse<Channel>(r.GetString(8)),
                Utc(r.GetDateTime(9)), due, clock.Remaining(due, now), r.GetBoolean(11)));
        }
        return new DepartmentQueue(id, code, name, now, clock.Calendar.DayLength, items, ApplicantsMasked: false);
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
