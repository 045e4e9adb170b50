using Microsoft.Extensions.Options;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Reports;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Reports;

/// <summary>
/// The workflow fixture's center (a real, migrated SQLite file, no demo data) with six agencies, each with a 5-working-day
/// procedure of five steps (reception 10 %, processing 50 %, another agency 10 %, approval 20 %, return 10 %), and a way to
/// write hand-built dossiers with their events straight into it.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public WorkflowFixture F { get; } = new();
    public WorkingCalendar Calendar { get; } = new();
    public ReportOptions Options { get; } = new();

    /// <summary>Procedure ids: SNV's is the workflow fixture's; the others are one per added agency.</summary>
    public const int SnvProcedure = WorkflowFixture.ProcedureId, StpProcedure = 20;
    public static readonly int[] AllProcedures = [SnvProcedure, StpProcedure, 21, 22, 23, 24];
    public const string Agency = "Ban Thi đua - Khen thưởng";

    public ReportFixture()
    {
        using var db = F.Db();
        db.Fields.Add(new Field { Id = 3, DepartmentId = WorkflowFixture.Stp, Code = "CT", Name = "Chứng thực" });
        db.Procedures.Add(FiveDays(StpProcedure, "STP-01", "Chứng thực bản sao", WorkflowFixture.Stp, 3));
        for (int i = 0; i < 4; i++)
        {
            int dep = 3 + i;
            db.Departments.Add(new Department { Id = dep, Code = $"S{dep}", Name = $"Sở thứ {dep}", PostalCovered = true, SortOrder = dep });
            db.Fields.Add(new Field { Id = 10 + dep, DepartmentId = dep, Code = "F", Name = "Lĩnh vực" });
            db.Procedures.Add(FiveDays(21 + i, $"S{dep}-01", $"Thủ tục của sở {dep}", dep, 10 + dep));
        }
        db.SaveChanges();
    }

    private static Procedure FiveDays(int id, string code, string name, int department, int field) => new()
    {
        Id = id, Code = code, Name = name, DepartmentId = department, FieldId = field, StatutoryAmount = 5, StatutoryUnit = TimeUnit.WorkingDays,
        Steps =
        [
            new ProcedureStep { Order = 1, Name = "Tiếp nhận, số hóa", Kind = StepKind.Reception, Role = StaffRole.PostalStaff, Share = 0.1 },
            new ProcedureStep { Order = 2, Name = "Thẩm định", Kind = StepKind.Processing, Role = StaffRole.DepartmentOfficer, Share = 0.5 },
            new ProcedureStep { Order = 3, Name = "Lấy ý kiến", Kind = StepKind.InterAgency, Role = StaffRole.DepartmentOfficer, Share = 0.1, Agency = Agency },
            new ProcedureStep { Order = 4, Name = "Lãnh đạo duyệt", Kind = StepKind.Approval, Role = StaffRole.DepartmentLeader, Share = 0.2 },
            new ProcedureStep { Order = 5, Name = "Trả kết quả", Kind = StepKind.Return, Role = StaffRole.PostalStaff, Share = 0.1 },
        ],
    };

    public MonthlyReportQuery Query() => new(F.Contexts, F.Calendars, F.Clock, Microsoft.Extensions.Options.Options.Create(Options));
    public MonthlyReportStore Store() => new(F.Contexts, Query(), F.Clock);

    /// <summary>Local (UTC+7) time as UTC.</summary>
    public static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)).UtcDateTime;

    public DateTime Days(DateTime from, double workingDays) => Calendar.AddWorkingTime(from, TimeSpan.FromTicks((long)(Calendar.DayLength.Ticks * workingDays)));

    private int _sequence;

    /// <summary>
    /// A dossier as it would stand: received (with its Received event by <paramref name="receiver"/>), resolved when
    /// <paramref name="completed"/> is set (outcome judged by the deadline clock unless given), returned when
    /// <paramref name="returned"/> is set. Not saved: call <see cref="SaveAsync"/>.
    /// </summary>
    public Dossier New(int procedureId, DateTime received, Channel channel = Channel.Online, DateTime? completed = null, Outcome? outcome = null,
        DateTime? returned = null, ResultDelivery delivery = ResultDelivery.Counter, bool? satisfied = null, DossierStatus? status = null)
    {
        var clock = new DeadlineClock(Calendar);
        var appointment = clock.Appointment(received, 5, TimeUnit.WorkingDays);
        var department = procedureId switch { SnvProcedure => WorkflowFixture.Snv, StpProcedure => WorkflowFixture.Stp, _ => procedureId - 18 };
        var d = new Dossier
        {
            Code = $"T-{++_sequence:00000}", ProcedureId = procedureId, DepartmentId = department, Channel = channel, ResultDelivery = delivery,
            ApplicantName = "Nguyễn Văn An", ReceivedAt = received, AppointmentAt = appointment, OriginalAppointmentAt = appointment,
            StepEnteredAt = received, CurrentStep = completed is null ? 2 : 5, Version = 1,
            Status = status ?? (returned is not null ? DossierStatus.Returned : completed is not null ? DossierStatus.ResultReady : DossierStatus.InProgress),
            CompletedAt = completed, ReturnedAt = returned, Satisfied = satisfied,
            Outcome = completed is { } c ? outcome ?? clock.OutcomeOf(c, appointment) : null,
        };
        _pending.Add((d, []));
        return d;
    }

    private readonly List<(Dossier Dossier, List<DossierEvent> Events)> _pending = new();
    private readonly Dictionary<Dossier, int?> _receivers = new();

    /// <summary>Who received a dossier (the Received event's actor); postal staff 1 unless set.</summary>
    public Dossier ReceivedBy(Dossier d, int? staffId) { _receivers[d] = staffId; return d; }

    /// <summary>An extra event on a dossier (beyond Received), e.g. a hand-over or an apology.</summary>
    public void Event(Dossier d, DossierEventType type, DateTime at, int? actor, int fromStep, int toStep, int? toHandler = null,
        DossierStatus to = DossierStatus.InProgress) =>
        _pending.First(p => p.Dossier == d).Events.Add(new DossierEvent
        {
            At = at, Type = type, ActorId = actor, FromStep = fromStep, ToStep = toStep, ToHandlerId = toHandler,
            FromStatus = DossierStatus.InProgress, ToStatus = to,
        });

    public async Task SaveAsync()
    {
        await using var db = F.Db();
        db.Dossiers.AddRange(_pending.Select(p => p.Dossier));
        await db.SaveChangesAsync();
        foreach (var (d, events) in _pending)
        {
            var receiver = _receivers.TryGetValue(d, out var r) ? r : WorkflowFixture.Postal1;
            db.DossierEvents.Add(new DossierEvent
            {
                DossierId = d.Id, DepartmentId = d.DepartmentId, At = d.ReceivedAt, Type = DossierEventType.Received, ActorId = receiver,
                ToStatus = DossierStatus.Received, ToStep = 1, ToHandlerId = receiver,
            });
            foreach (var e in events)
            {
                e.DossierId = d.Id;
                e.DepartmentId = d.DepartmentId;
                db.DossierEvents.Add(e);
            }
        }
        await db.SaveChangesAsync();
        _pending.Clear();
        _receivers.Clear();
    }

    public void Dispose() => F.Dispose();
}
