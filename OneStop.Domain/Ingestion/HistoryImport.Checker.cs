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

public sealed partial class HistoryImport
{
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

        private IReadOnlySet<int>? _within;

        public static async Task<Checker> CreateAsync(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, DateTime now, CancellationToken ct,
            IReadOnlySet<int>? within = null)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return new Checker
            {
                _departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, StringComparer.OrdinalIgnoreCase, ct),
                _procedures = await db.Procedures.AsNoTracking().Include(p => p.Steps).ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, ct),
                _taken = (await db.Dossiers.AsNoTracking().Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
                _clock = await calendars.GetClockAsync(ct),
                _now = now,
                _within = within,
            };
        }

        public Row? Check(int line, Func<int, string> cell, ImportProblems problems)
        {
            var before = problems.Total;
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
            else if (_within is not null && !_within.Contains(department.Id))
            {
                Fail("departmentCode", $"«{department.Code}» ngoài phạm vi của khóa API này.");
                department = null; // its procedures are not this key's to check either
            }

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
            if (problems.Total > before) return null;
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
