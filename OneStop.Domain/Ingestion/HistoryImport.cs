using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Ingestion;

/// <summary>One bad cell (or row, when Column is empty) of an import: 1-based line of the file, and why.</summary>
public sealed record ImportProblem(int Line, string Column, string Reason);

public enum ImportPhase { Reading, Checking, Writing, Done }

public sealed record ImportProgress(ImportPhase Phase, int Done, int Total);

/// <summary>Either every row landed (Problems empty) or none did.</summary>
public sealed record ImportResult(int Rows, IReadOnlyList<ImportProblem> Problems, IReadOnlyDictionary<string, int> ByStatus)
{
    public bool Imported => Problems.Count == 0;
}

/// <summary>
/// Imports the history of dossiers from a CSV file (UTF-8; columns <see cref="Columns"/>), all or nothing: every row
/// is checked first and every bad one reported with its line, column and reason; then all rows go in one transaction
/// through <see cref="BulkInserter"/>, each dossier with the events its status implies (intake, completion, return) so
/// the dashboards and reports count it. Appointments left empty are computed by the center's calendar, and outcomes
/// always are, exactly as for intake.
/// </summary>
public sealed class HistoryImport(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time,
    IDossierChangeSink changes)
{
    public static readonly string[] Columns =
        ["code", "departmentCode", "procedureCode", "channel", "receivedAt", "appointmentAt", "completedAt", "returnedAt", "resultDelivery", "status"];
    public const long MaxBytes = 200L * 1024 * 1024;
    public const string AuditArea = "import.dossiers";
    /// <summary>History carries no applicant: the dossier says so rather than inventing one.</summary>
    public const string NoApplicant = "(dữ liệu lịch sử, không có thông tin người nộp)";
    private const int ProgressEvery = 2000;

    private static readonly HashSet<DossierStatus> Completed = [DossierStatus.ResultReady, DossierStatus.Returned, DossierStatus.Refused, DossierStatus.Withdrawn];

    public async Task<ImportResult> ImportAsync(Stream csv, int? actorId, string actorName, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        var bytes = await ReadAllAsync(csv, progress, ct);
        if (bytes is null) return Rejected(new ImportProblem(0, "", $"Tệp lớn hơn {MaxBytes / 1024 / 1024} MB: hãy chia nhỏ."));
        var text = Decode(bytes, out var encodingProblem);
        if (encodingProblem is not null) return Rejected(encodingProblem);

        var now = time.GetUtcNow().UtcDateTime;
        var checker = await Checker.CreateAsync(contexts, calendars, now, ct);
        var totalLines = CountLines(text);
        var problems = new List<ImportProblem>();
        var rows = new List<Row>();

        int[]? index = null;
        var columns = 0;
        foreach (var record in CsvRecords.Read(text))
        {
            ct.ThrowIfCancellationRequested();
            if (index is null)
            {
                index = Header(record.Fields, problems);
                if (index is null) return Rejected(problems.ToArray());
                columns = record.Fields.Length;
                continue;
            }
            if (record.Fields is [""]) continue; // a blank line
            if (record.Malformed is not null) { problems.Add(new ImportProblem(record.Line, "", record.Malformed)); continue; }
            if (record.Fields.Length != columns)
            {
                problems.Add(new ImportProblem(record.Line, "", $"có {record.Fields.Length} cột, cần {columns} như dòng tiêu đề."));
                continue;
            }
            var row = checker.Check(record.Line, i => record.Fields[index[i]], problems);
            if (row is not null) rows.Add(row);
            if (record.Line % ProgressEvery == 0) progress?.Report(new ImportProgress(ImportPhase.Checking, record.Line, totalLines));
        }
        if (index is null) return Rejected(new ImportProblem(1, "", "Tệp rỗng: dòng đầu phải là tiêu đề " + string.Join(",", Columns) + "."));
        if (problems.Count > 0) return Rejected(problems.OrderBy(p => p.Line).ToArray());
        if (rows.Count == 0) return Rejected(new ImportProblem(2, "", "Tệp không có dòng dữ liệu nào sau dòng tiêu đề."));

        progress?.Report(new ImportProgress(ImportPhase.Writing, 0, rows.Count));
        var byStatus = rows.GroupBy(r => WireNames.Of(r.Dossier.Status)).ToDictionary(g => g.Key, g => g.Count());
        List<DossierChange> published;
        try
        {
            published = await WriteAsync(rows, actorId, actorName, now, byStatus, ct);
        }
        catch (Exception e) when ((e as SqliteException ?? e.InnerException as SqliteException) is { SqliteErrorCode: 19 })
        {
            // Checked against the codes taken at the start; someone stored one of them since.
            return Rejected(new ImportProblem(0, "code", "một mã hồ sơ trong tệp vừa được tạo trong lúc nhập: hãy nhập lại tệp."));
        }
        foreach (var change in published) changes.Publish(change);
        progress?.Report(new ImportProgress(ImportPhase.Done, rows.Count, rows.Count));
        return new ImportResult(rows.Count, [], byStatus);
    }

    /// <summary>
    /// One transaction (BEGIN IMMEDIATE: no other writer between reading the next ids and the last row), ids given
    /// here so events can point at their dossier without a round trip per row. Returns one change per department
    /// to publish once committed, so every dashboard recomputes.
    /// </summary>
    private async Task<List<DossierChange>> WriteAsync(List<Row> rows, int? actorId, string actorName, DateTime now,
        IReadOnlyDictionary<string, int> byStatus, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var nextDossier = (await db.Dossiers.MaxAsync(d => (long?)d.Id, ct) ?? 0) + 1;
        var nextEvent = (await db.DossierEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        foreach (var row in rows)
        {
            row.Dossier.Id = nextDossier++;
            foreach (var e in row.Events)
            {
                e.Id = nextEvent++;
                e.DossierId = row.Dossier.Id;
            }
        }
        var insert = new BulkInserter(db);
        await insert.InsertAsync(rows.Select(r => r.Dossier), ct);
        await insert.InsertAsync(rows.SelectMany(r => r.Events), ct);
        AuditLog.Add(db, now, actorId, actorName, AuditArea, "import", $"{rows.Count:n0} hồ sơ",
            string.Join(", ", byStatus.OrderBy(x => x.Key).Select(x => $"{x.Key}: {x.Value}")));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.SelectMany(r => r.Events.Select(e => (r.Dossier.Code, Event: e)))
            .GroupBy(x => x.Event.DepartmentId)
            .Select(g => g.MaxBy(x => x.Event.Id))
            .Select(x => DossierChange.Of(x.Event, x.Code)).ToList();
    }

    private static ImportResult Rejected(params ImportProblem[] problems) => new(0, problems, new Dictionary<string, int>());

    private static async Task<byte[]?> ReadAllAsync(Stream csv, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var total = csv.CanSeek ? (int)Math.Min(csv.Length, int.MaxValue) : 0;
        using var memory = new MemoryStream(total > 0 ? total : 1 << 16);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = await csv.ReadAsync(buffer, ct)) > 0)
            {
                if (memory.Length + read > MaxBytes) return null;
                memory.Write(buffer, 0, read);
                progress?.Report(new ImportProgress(ImportPhase.Reading, (int)memory.Length, total));
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        return memory.ToArray();
    }

    /// <summary>Strict UTF-8 (a BOM is allowed): the first invalid byte is reported with its line.</summary>
    private static string Decode(byte[] bytes, out ImportProblem? problem)
    {
        problem = null;
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        var chars = new char[span.Length];
        var status = Utf8.ToUtf16(span, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            var line = 1 + span[..read].Count((byte)'\n');
            problem = new ImportProblem(line, "", $"tệp không phải UTF-8 hợp lệ (byte 0x{span[read]:X2} ở vị trí {read + 1}): hãy lưu tệp dạng CSV UTF-8.");
            return "";
        }
        return new string(chars, 0, written);
    }

    private static int CountLines(string text) => text.AsSpan().Count('\n') + 1;

    /// <summary>Column positions by name; problems on line 1 when names are missing, unknown or repeated.</summary>
    private static int[]? Header(string[] header, List<ImportProblem> problems)
    {
        var names = header.Select(h => h.Trim()).ToArray();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
                problems.Add(new ImportProblem(1, name, $"cột «{name}» không thuộc mẫu; các cột: {string.Join(",", Columns)}."));
            else if (Array.FindIndex(names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) != i)
                problems.Add(new ImportProblem(1, name, $"cột «{name}» lặp lại."));
        }
        var index = new int[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            index[c] = Array.FindIndex(names, n => n.Equals(Columns[c], StringComparison.OrdinalIgnoreCase));
            if (index[c] < 0) problems.Add(new ImportProblem(1, Columns[c], $"thiếu cột «{Columns[c]}»."));
        }
        return problems.Count > 0 ? null : index;
    }

    private sealed record Row(Dossier Dossier, List<DossierEvent> Events);

    /// <summary>The rules of one row, with the catalog, the codes already taken and the calendar loaded once.</summary>
    private sealed class Checker
    {
        private Dictionary<string, Department> _departments = null!;
        private Dictionary<string, Procedure> _procedures = null!;
        private HashSet<string> _taken = null!;
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
        private DeadlineClock _clock = null!;
        private DateTime _now;

        public static async Task<Checker> CreateAsync(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, DateTime now, CancellationToken ct)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return new Checker
            {
                _departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, StringComparer.OrdinalIgnoreCase, ct),
                _procedures = await db.Procedures.AsNoTracking().Include(p => p.Steps).ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, ct),
                _taken = (await db.Dossiers.AsNoTracking().Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
                _clock = await calendars.GetClockAsync(ct),
                _now = now,
            };
        }

        public Row? Check(int line, Func<int, string> cell, List<ImportProblem> problems)
        {
            var before = problems.Count;
            void Fail(string column, string reason) => problems.Add(new ImportProblem(line, column, reason));
            string Cell(int i) => cell(i).Trim();

            var code = Cell(0);
            if (code.Length == 0) Fail("code", "bắt buộc.");
            else if (!DossierIngestion.IsValidCode(code)) Fail("code", DossierIngestion.CodeRule);
            else if (_seen.TryGetValue(code, out var first)) Fail("code", $"«{code}» trùng với dòng {first}.");
            else if (_taken.Contains(code)) Fail("code", $"«{code}» đã có trong hệ thống.");
            else _seen[code] = line;

            var departmentCode = Cell(1);
            _departments.TryGetValue(departmentCode, out var department);
            if (departmentCode.Length == 0) Fail("departmentCode", "bắt buộc.");
            else if (department is null) Fail("departmentCode", $"«{Short(departmentCode)}» không có trong danh mục đơn vị.");

            var procedureCode = Cell(2);
            _procedures.TryGetValue(procedureCode, out var procedure);
            if (procedureCode.Length == 0) Fail("procedureCode", "bắt buộc.");
            else if (procedure is null) Fail("procedureCode", $"«{Short(procedureCode)}» không có trong danh mục thủ tục.");
            else if (department is not null && procedure.DepartmentId != department.Id)
                Fail("procedureCode", $"thủ tục {procedure.Code} không thuộc {department.Name}.");
            else if (procedure.Steps.Count == 0) Fail("procedureCode", $"thủ tục {procedure.Code} chưa có quy trình các bước.");

            var channel = Enum(Cell(3), "channel", WireNames.Channels, Fail);
            if (channel is { } ch && procedure is not null && !procedure.Allows(ch))
                Fail("channel", $"thủ tục {procedure.Code} không nhận hồ sơ {IntakeValidator.ChannelText(ch)}.");
            var delivery = Enum(Cell(8), "resultDelivery", WireNames.Deliveries, Fail);
            if (delivery == ResultDelivery.Post && procedure is { ResultByPost: false })
                Fail("resultDelivery", $"thủ tục {procedure.Code} không trả kết quả qua bưu chính.");
            var status = Enum(Cell(9), "status", WireNames.Statuses, Fail);
            if (status == DossierStatus.WaitingSupplement)
                Fail("status", "không nhập được hồ sơ đang chờ bổ sung (tệp không có thời điểm tạm dừng): hãy gửi qua API.");

            var received = Instant(Cell(4), "receivedAt", true, Fail);
            var appointment = Instant(Cell(5), "appointmentAt", false, Fail, allowFuture: true);
            var completed = Instant(Cell(6), "completedAt", false, Fail);
            var returned = Instant(Cell(7), "returnedAt", false, Fail);
            if (received is { } r)
            {
                if (appointment is { } a && a <= r) Fail("appointmentAt", "phải sau receivedAt.");
                if (completed is { } c && c < r) Fail("completedAt", "không trước receivedAt.");
            }
            if (completed is { } c2 && returned is { } rt && rt < c2) Fail("returnedAt", "không trước completedAt.");
            if (status is { } s)
            {
                var done = Completed.Contains(s);
                if (done && completed is null && Cell(6).Length == 0) Fail("completedAt", $"bắt buộc khi status là {WireNames.Of(s)}.");
                if (!done && Cell(6).Length > 0) Fail("completedAt", $"phải để trống khi status là {WireNames.Of(s)} (hồ sơ chưa xong).");
                if (s == DossierStatus.Returned && returned is null && Cell(7).Length == 0) Fail("returnedAt", "bắt buộc khi status là returned.");
                if (s != DossierStatus.Returned && Cell(7).Length > 0) Fail("returnedAt", $"phải để trống khi status là {WireNames.Of(s)}.");
            }
            if (problems.Count > before) return null;
            return Build(code, procedure!, channel!.Value, delivery!.Value, status!.Value, received!.Value,
                appointment ?? _clock.Appointment(received.Value, procedure!.StatutoryAmount, procedure.StatutoryUnit), completed, returned);
        }

        /// <summary>
        /// The dossier as its status leaves it (at the step that status implies, in the pool: history names no handler)
        /// and the events that got it there: intake, then completion (result ready, refused or withdrawn), then return.
        /// </summary>
        private Row Build(string code, Procedure p, Channel channel, ResultDelivery delivery, DossierStatus status,
            DateTime received, DateTime appointment, DateTime? completed, DateTime? returned)
        {
            var steps = p.Steps.OrderBy(s => s.Order).ToList();
            var first = steps[0].Order;
            var processing = steps.FirstOrDefault(s => s.Kind != StepKind.Reception)?.Order ?? first;
            var returnStep = steps.LastOrDefault(s => s.Kind == StepKind.Return)?.Order ?? steps[^1].Order;
            var d = new Dossier
            {
                Code = code, ProcedureId = p.Id, DepartmentId = p.DepartmentId, Channel = channel, ResultDelivery = delivery,
                ApplicantName = NoApplicant, ReceivedAt = received, AppointmentAt = appointment, OriginalAppointmentAt = appointment,
                Status = DossierStatus.Received, CurrentStep = first, StepEnteredAt = received, Version = 1,
            };
            var events = new List<DossierEvent>
            {
                DossierEvent.For(d, DossierEventType.Received, null, null, null, null, received,
                    $"Tiếp nhận {IntakeValidator.ChannelText(channel)} (nhập dữ liệu lịch sử)"),
            };
            void Step(DossierEventType type, DossierStatus to, int step, DateTime at, string note)
            {
                var (fromStatus, fromStep) = (d.Status, d.CurrentStep);
                d.Status = to;
                d.CurrentStep = step;
                d.StepEnteredAt = at;
                d.Version++;
                events.Add(DossierEvent.For(d, type, null, fromStatus, fromStep, null, at, note));
            }
            switch (status)
            {
                case DossierStatus.InProgress:
                    Step(DossierEventType.HandedOver, DossierStatus.InProgress, processing, received, "Chuyển xử lý (nhập dữ liệu lịch sử)");
                    break;
                case DossierStatus.ResultReady or DossierStatus.Returned:
                    d.CompletedAt = completed;
                    d.Outcome = _clock.OutcomeOf(completed!.Value, appointment);
                    Step(DossierEventType.Approved, DossierStatus.ResultReady, returnStep, completed.Value,
                        $"Kết quả: {DossierText.Outcome(d.Outcome.Value)} (nhập dữ liệu lịch sử)");
                    if (status == DossierStatus.Returned)
                    {
                        d.ReturnedAt = returned;
                        Step(DossierEventType.Returned, DossierStatus.Returned, returnStep, returned!.Value,
                            (delivery == ResultDelivery.Post ? "Trả kết quả qua bưu chính" : "Trả kết quả tại quầy") + " (nhập dữ liệu lịch sử)");
                    }
                    break;
                case DossierStatus.Refused or DossierStatus.Withdrawn:
                    d.CompletedAt = completed;
                    Step(status == DossierStatus.Refused ? DossierEventType.Refused : DossierEventType.Withdrawn, status, d.CurrentStep,
                        completed!.Value, "Nhập dữ liệu lịch sử");
                    break;
            }
            return new Row(d, events);
        }

        private T? Enum<T>(string value, string column, IReadOnlyDictionary<string, T> allowed, Action<string, string> fail) where T : struct
        {
            if (value.Length == 0) { fail(column, $"bắt buộc, một trong {WireNames.List(allowed.Keys)}."); return null; }
            if (allowed.TryGetValue(value, out var v)) return v;
            fail(column, $"«{Short(value)}» không hợp lệ: phải là một trong {WireNames.List(allowed.Keys)}.");
            return null;
        }

        private DateTime? Instant(string value, string column, bool required, Action<string, string> fail, bool allowFuture = false)
        {
            if (value.Length == 0)
            {
                if (required) fail(column, "bắt buộc; " + WireNames.InstantRule);
                return null;
            }
            if (!WireNames.TryParseInstant(value, out var parsed)) { fail(column, $"«{Short(value)}» " + WireNames.InstantRule); return null; }
            var utc = parsed.UtcDateTime;
            if (utc < DossierIngestion.Earliest) { fail(column, "không trước năm 2000."); return null; }
            if (!allowFuture && utc > _now) { fail(column, $"không được ở tương lai (bây giờ là {WireNames.Format(_now)})."); return null; }
            return utc;
        }

        private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
    }
}
