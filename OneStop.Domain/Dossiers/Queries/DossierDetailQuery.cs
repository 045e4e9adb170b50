using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Dossiers.Queries;

/// <summary>What a person can do to a dossier from the workspace. <see cref="Take"/> and <see cref="Assign"/> are both <see cref="DossierAction.Assign"/> underneath.</summary>
public enum WorkspaceAction
{
    Take,
    HandOver,
    Assign,
    SendBack,
    Approve,
    Return,
    RequestSupplement,
    Resume,
    Refuse,
    Withdraw,
    IssueApology,
}

/// <summary>The signed-in person as the rules see them, read from the database (not from the cookie).</summary>
public sealed record WorkspaceViewer(int StaffId, string FullName, StaffRole Role, int? DepartmentId, IReadOnlySet<int> Covered)
{
    /// <summary>Departments whose pools this person may take from: their own, or those they cover as postal staff.</summary>
    public IReadOnlySet<int> PoolDepartments => Role == StaffRole.PostalStaff
        ? Covered
        : DepartmentId is { } d && Role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader ? new HashSet<int> { d } : new HashSet<int>();

    internal static async Task<WorkspaceViewer?> LoadAsync(OneStopDbContext db, int staffId, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => s.Id == staffId && s.Active)
            .Select(s => new { s.Id, s.FullName, s.Role, s.DepartmentId, Covered = s.Coverage.Select(c => c.DepartmentId).ToList() })
            .FirstOrDefaultAsync(ct);
        return staff is null ? null : new WorkspaceViewer(staff.Id, staff.FullName, staff.Role, staff.DepartmentId, staff.Covered.ToHashSet());
    }

    /// <summary>Who may see the applicant's personal data: those with full access in <see cref="Access.DossierScope"/>.</summary>
    public bool HandlesDepartment(int departmentId) => Access.DossierScope.Of(this, departmentId) == Access.DossierAccess.Full;

    /// <summary>Whether this person may open the department's dossiers at all (masked or not).</summary>
    public bool MayRead(int departmentId) => Access.DossierScope.Of(this, departmentId) != Access.DossierAccess.None;
}

/// <summary>The step facts the rules need.</summary>
public sealed record StepInfo(int Order, string Name, StepKind Kind, StaffRole Role, double Share, string? Agency);

/// <summary>
/// Which workspace actions a person may take on a dossier now. It mirrors the checks in
/// <see cref="DossierWorkflow"/> (status machine, who may act at a step), so the screen offers only what
/// the workflow will accept; the workflow stays the authority and still checks everything.
/// </summary>
public static class WorkspaceRules
{
    public static IReadOnlyList<WorkspaceAction> ActionsFor(WorkspaceViewer v, DossierStatus status, int departmentId, int? handlerId,
        int currentStep, IReadOnlyList<StepInfo> steps, bool departmentHasPostalCoverage)
    {
        var result = new List<WorkspaceAction>();
        if (DossierStateMachine.IsFinal(status) || steps.Count == 0) return result;
        var allowed = DossierStateMachine.AllowedFrom(status);
        var step = steps.FirstOrDefault(s => s.Order == currentStep) ?? steps[^1];
        var holder = handlerId == v.StaffId;
        var isLeader = v.Role == StaffRole.DepartmentLeader && v.DepartmentId == departmentId;
        var fits = Fits(v, step.Role, departmentId);
        var stepActor = holder
                        || (handlerId is null && ((step.Kind == StepKind.InterAgency && v.DepartmentId == departmentId
                                                   && v.Role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader) || fits))
                        || (isLeader && step.Kind is not (StepKind.Reception or StepKind.Return));
        var receives = v.Role == StaffRole.PostalStaff
            ? v.Covered.Contains(departmentId)
            : v.Role == StaffRole.DepartmentOfficer && v.DepartmentId == departmentId && !departmentHasPostalCoverage;
        var next = steps.FirstOrDefault(s => s.Order > step.Order);
        var previous = steps.LastOrDefault(s => s.Order < step.Order && s.Kind != StepKind.Reception);
        var personStep = step.Kind is not StepKind.InterAgency && step.Role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader or StaffRole.PostalStaff;

        void Add(DossierAction a, WorkspaceAction w, bool when) { if (when && allowed.Contains(a)) result.Add(w); }

        Add(DossierAction.Assign, WorkspaceAction.Take, handlerId is null && fits && personStep);
        // Into the return step only where the leader approved before another agency's step: its result completes the dossier.
        var handOnToReturn = next is { Kind: StepKind.Return } && steps.Any(s => s.Kind == StepKind.Approval && s.Order < step.Order);
        Add(DossierAction.HandOver, WorkspaceAction.HandOver, stepActor && next is not null && (next.Kind != StepKind.Return || handOnToReturn));
        Add(DossierAction.Assign, WorkspaceAction.Assign, isLeader && personStep && step.Kind is StepKind.Processing or StepKind.Approval);
        Add(DossierAction.Approve, WorkspaceAction.Approve, isLeader && step.Kind == StepKind.Approval);
        Add(DossierAction.SendBack, WorkspaceAction.SendBack, stepActor && previous is not null);
        Add(DossierAction.Return, WorkspaceAction.Return, holder || receives);
        Add(DossierAction.RequestSupplement, WorkspaceAction.RequestSupplement, stepActor);
        Add(DossierAction.Resume, WorkspaceAction.Resume, holder || isLeader || receives);
        Add(DossierAction.Refuse, WorkspaceAction.Refuse, isLeader || stepActor);
        Add(DossierAction.Withdraw, WorkspaceAction.Withdraw, holder || isLeader || receives);
        Add(DossierAction.IssueApology, WorkspaceAction.IssueApology, isLeader || v.Role == StaffRole.Director);
        return result;
    }

    internal static bool Fits(WorkspaceViewer v, StaffRole role, int departmentId) => role switch
    {
        StaffRole.PostalStaff => v.Role == StaffRole.PostalStaff && v.Covered.Contains(departmentId),
        StaffRole.DepartmentOfficer => v.Role == StaffRole.DepartmentOfficer && v.DepartmentId == departmentId,
        StaffRole.DepartmentLeader => v.Role == StaffRole.DepartmentLeader && v.DepartmentId == departmentId,
        _ => false,
    };
}

/// <summary>Vietnamese words the workspace shows that <see cref="DossierText"/> does not have.</summary>
public static class WorkspaceText
{
    public static string Action(WorkspaceAction a) => a switch
    {
        WorkspaceAction.Take => "Nhận xử lý",
        WorkspaceAction.HandOver => "Chuyển tiếp",
        WorkspaceAction.Assign => "Giao xử lý",
        WorkspaceAction.SendBack => "Trả lại bước trước",
        WorkspaceAction.Approve => "Phê duyệt",
        WorkspaceAction.Return => "Trả kết quả",
        WorkspaceAction.RequestSupplement => "Yêu cầu bổ sung",
        WorkspaceAction.Resume => "Tiếp tục",
        WorkspaceAction.Refuse => "Từ chối",
        WorkspaceAction.Withdraw => "Rút hồ sơ",
        WorkspaceAction.IssueApology => "Thư xin lỗi, hẹn lại",
        _ => a.ToString(),
    };

    /// <summary>The action as the process control sheet names it.</summary>
    public static string Event(DossierEventType t) => t switch
    {
        DossierEventType.Received => "Tiếp nhận",
        DossierEventType.HandedOver => "Chuyển xử lý",
        DossierEventType.Assigned => "Giao / nhận xử lý",
        DossierEventType.SentBack => "Trả lại bước trước",
        DossierEventType.SupplementRequested => "Yêu cầu bổ sung",
        DossierEventType.Resumed => "Tiếp tục xử lý",
        DossierEventType.Approved => "Phê duyệt",
        DossierEventType.Returned => "Trả kết quả",
        DossierEventType.Refused => "Từ chối",
        DossierEventType.Withdrawn => "Rút hồ sơ",
        DossierEventType.ApologyIssued => "Thư xin lỗi, hẹn lại",
        _ => t.ToString(),
    };

    /// <summary>Who holds a dossier at a step with no named handler.</summary>
    public static string Pool(StepKind kind, string? agency) => kind switch
    {
        StepKind.InterAgency => $"{(string.IsNullOrWhiteSpace(agency) ? "Cơ quan phối hợp" : agency)} (liên thông)",
        StepKind.Approval => "Lãnh đạo đơn vị (chờ nhận)",
        StepKind.Return => "Bưu điện (chờ trả kết quả)",
        StepKind.Reception => "Bộ phận tiếp nhận",
        _ => "Phòng chuyên môn (chờ nhận)",
    };

    public static string Statutory(int amount, TimeUnit unit) =>
        unit == TimeUnit.WorkingHours ? $"{amount} giờ làm việc" : $"{amount} ngày làm việc";

    /// <summary>A working duration in words: "1 ngày 2 giờ", "3 giờ 15 phút", "40 phút". Days are working days of <paramref name="dayLength"/>.</summary>
    public static string Duration(TimeSpan span, TimeSpan dayLength)
    {
        if (span < TimeSpan.Zero) span = span.Negate();
        var totalMinutes = (long)Math.Floor(span.TotalMinutes);
        var dayMinutes = Math.Max(1L, (long)Math.Round(dayLength.TotalMinutes));
        var days = totalMinutes / dayMinutes;
        var rest = totalMinutes % dayMinutes;
        var hours = rest / 60;
        var minutes = rest % 60;
        if (days > 0) return hours > 0 ? $"{days} ngày {hours} giờ" : $"{days} ngày";
        if (hours > 0) return minutes > 0 ? $"{hours} giờ {minutes} phút" : $"{hours} giờ";
        return minutes > 0 ? $"{minutes} phút" : "dưới 1 phút";
    }

    /// <summary>dd/MM/yyyy HH:mm in Vietnam time.</summary>
    public static string Local(DateTime utc) => WorkingCalendar.ToLocal(utc).ToString("dd/MM/yyyy HH:mm");

    /// <summary>Masks the middle of a value: "0912345678" → "09******78".</summary>
    public static string? Mask(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return value;
        var v = value.Trim();
        if (v.Length <= 4) return new string('*', v.Length);
        return v[..2] + new string('*', v.Length - 4) + v[^2..];
    }

    /// <summary>Keeps each word's first letter: "Nguyễn Văn An" → "N***** V** A*".</summary>
    public static string MaskName(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[..1] + new string('*', w.Length - 1)));

    /// <summary>Keeps only the last part (the province): "12 Lê Duẩn, Đông Hà, Quảng Trị" → "***, Quảng Trị".</summary>
    public static string? MaskAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return address;
        var parts = address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 ? "***, " + parts[^1] : "***";
    }
}

public sealed record ApplicantInfo(string Name, string? Phone, string? IdNumber, string? Address, string? ResultPostalAddress, bool Masked);

/// <summary>One row of the process control sheet, with names.</summary>
public sealed record TimelineEntry(long Id, DateTime At, DossierEventType Type, string ActionText, DossierStatus? FromStatus, DossierStatus ToStatus,
    int? FromStep, string? FromStepName, int ToStep, string ToStepName, int? ActorId, string? ActorName, int? ToHandlerId, string? NextHandlerName, string? Note);

public sealed record PauseEntry(DateTime StartedAt, DateTime? EndedAt, TimeSpan WorkingTime, string Reason);

/// <summary>One step's share of the statutory time against the working time it used (so far, for the current step).</summary>
public sealed record StepBudgetRow(int Order, string Name, StepKind Kind, TimeSpan Allowed, TimeSpan? Used, DateTime PlannedEndUtc, bool Current, int Visits)
{
    public bool Overran => Used is { } used && used > Allowed;
}

public sealed record DeadlineInfo(DateTime ReceivedAt, TimeSpan Statutory, string StatutoryText, TimeSpan PausedWorkingTime, DateTime AppointmentAt,
    DateTime OriginalAppointmentAt, TimeSpan? Remaining, bool Overdue, TimeSpan DayLength, IReadOnlyList<StepBudgetRow> Steps);

/// <summary>Everything the dossier page shows, as the viewer may see it.</summary>
public sealed class DossierDetail
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required int Version { get; init; }
    public required string ProcedureCode { get; init; }
    public required string ProcedureName { get; init; }
    public required int DepartmentId { get; init; }
    public required string DepartmentName { get; init; }
    public required Channel Channel { get; init; }
    public required ResultDelivery ResultDelivery { get; init; }
    public required DossierStatus Status { get; init; }
    public required int CurrentStep { get; init; }
    public required StepInfo CurrentStepInfo { get; init; }
    public required int? CurrentHandlerId { get; init; }
    public required string? CurrentHandlerName { get; init; }
    public required DateTime ReceivedAt { get; init; }
    public required DateTime AppointmentAt { get; init; }
    public required DateTime OriginalAppointmentAt { get; init; }
    public required bool ApologyIssued { get; init; }
    public required DateTime? PausedSince { get; init; }
    public required DateTime? CompletedAt { get; init; }
    public required DateTime? ReturnedAt { get; init; }
    public required Outcome? Outcome { get; init; }
    public required string? PostalTrackingNumber { get; init; }
    public required bool? Satisfied { get; init; }
    public required string? SatisfactionComment { get; init; }
    public required string? PapersReceived { get; init; }
    public required ApplicantInfo Applicant { get; init; }
    public required IReadOnlyList<StepInfo> Steps { get; init; }
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }
    public required IReadOnlyList<PauseEntry> Pauses { get; init; }
    public required DeadlineInfo Deadline { get; init; }
    /// <summary>The actions this viewer may take now, in the order the page shows them.</summary>
    public required IReadOnlyList<WorkspaceAction> Actions { get; init; }
    public required WorkspaceViewer Viewer { get; init; }

    public bool IsOpen => !DossierStateMachine.IsFinal(Status);
    public string HolderText => CurrentHandlerName ?? (IsOpen ? WorkspaceText.Pool(CurrentStepInfo.Kind, CurrentStepInfo.Agency) : "—");

    /// <summary>The most recent event of a type (what the printables print).</summary>
    public TimelineEntry? Latest(DossierEventType type) => Timeline.LastOrDefault(e => e.Type == type);
}

/// <summary>
/// One dossier with its process control sheet, pauses and deadline explained, for one viewer:
/// personal data masked for people who do not handle its department, and the actions they may take.
/// </summary>
public sealed class DossierDetailQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time)
{
    /// <summary>The viewer's access to the dossier (<see cref="Access.DossierScope"/>); null when there is no such dossier. Pages use it to tell "denied" from "not found".</summary>
    public Task<Access.DossierAccess?> AccessAsync(string code, int? viewerId, CancellationToken ct = default) =>
        Access.DossierScope.OfDossierAsync(contexts, code, viewerId, ct);

    public async Task<DossierDetail?> RunAsync(string code, int viewerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var viewer = await WorkspaceViewer.LoadAsync(db, viewerId, ct);
        if (viewer is null) return null;
        var row = await db.Dossiers.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new
            {
                Dossier = d,
                ProcedureCode = d.Procedure!.Code,
                ProcedureName = d.Procedure.Name,
                d.Procedure.StatutoryAmount,
                d.Procedure.StatutoryUnit,
                DepartmentName = d.Department!.Name,
                HandlerName = d.CurrentHandler!.FullName,
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var d = row.Dossier;
        // Outside the viewer's scope the dossier does not exist for them (pages tell "denied" apart through DossierScope).
        if (!viewer.MayRead(d.DepartmentId)) return null;

        var steps = await db.ProcedureSteps.AsNoTracking().Where(s => s.ProcedureId == d.ProcedureId).OrderBy(s => s.Order)
            .Select(s => new StepInfo(s.Order, s.Name, s.Kind, s.Role, s.Share, s.Agency)).ToListAsync(ct);
        var events = await db.DossierEvents.AsNoTracking().Where(e => e.DossierId == d.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var pauses = await db.DossierPauses.AsNoTracking().Where(p => p.DossierId == d.Id).OrderBy(p => p.StartedAt).ThenBy(p => p.Id).ToListAsync(ct);
        var peopleIds = events.SelectMany(e => new[] { e.ActorId, e.ToHandlerId }).Where(x => x is not null).Select(x => x!.Value).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => peopleIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FullName, ct);
        var postalCovered = await db.StaffCoverage.AnyAsync(c => c.DepartmentId == d.DepartmentId && c.Staff!.Active, ct);

        var clock = await calendars.GetClockAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var stepByOrder = steps.ToDictionary(s => s.Order);
        string StepName(int? order) => order is { } o && stepByOrder.TryGetValue(o, out var s) ? s.Name : order?.ToString() ?? "";

        var timeline = events.Select(e => new TimelineEntry(e.Id, e.At, e.Type, WorkspaceText.Event(e.Type), e.FromStatus, e.ToStatus,
            e.FromStep, e.FromStep is null ? null : StepName(e.FromStep), e.ToStep, StepName(e.ToStep),
            e.ActorId, e.ActorId is { } a && names.TryGetValue(a, out var an) ? an : e.ActorId is null ? "Hệ thống" : null,
            e.ToHandlerId,
            e.ToHandlerId is { } h && names.TryGetValue(h, out var hn) ? hn
                : DossierStateMachine.IsFinal(e.ToStatus) ? null
                : stepByOrder.TryGetValue(e.ToStep, out var ts) ? WorkspaceText.Pool(ts.Kind, ts.Agency) : null,
            e.Note)).ToList();

        var pauseEntries = pauses.Select(p => new PauseEntry(p.StartedAt, p.EndedAt,
            Positive(clock.Calendar.WorkingTimeBetween(p.StartedAt, p.EndedAt ?? now)), p.Reason)).ToList();

        var isOpen = !DossierStateMachine.IsFinal(d.Status);
        var statutory = clock.StatutoryTime(row.StatutoryAmount, row.StatutoryUnit);
        var pausedTotal = TimeSpan.FromMinutes(d.PausedWorkingMinutes)
                          + (d.PausedSince is { } ps ? Positive(clock.Calendar.WorkingTimeBetween(ps, now)) : TimeSpan.Zero);
        TimeSpan? remaining = !isOpen ? null
            : d.PausedSince is { } since ? clock.Remaining(d.AppointmentAt, since)
            : clock.Remaining(d.AppointmentAt, now);
        var overdue = isOpen && d.PausedSince is null && d.AppointmentAt < now;

        var applicant = viewer.HandlesDepartment(d.DepartmentId)
            ? new ApplicantInfo(d.ApplicantName, d.ApplicantPhone, d.ApplicantIdNumber, d.ApplicantAddress, d.ResultPostalAddress, false)
            : new ApplicantInfo(WorkspaceText.MaskName(d.ApplicantName), WorkspaceText.Mask(d.ApplicantPhone), WorkspaceText.Mask(d.ApplicantIdNumber),
                WorkspaceText.MaskAddress(d.ApplicantAddress), WorkspaceText.MaskAddress(d.ResultPostalAddress), true);

        var current = stepByOrder.TryGetValue(d.CurrentStep, out var cs) ? cs
            : steps.Count > 0 ? steps[^1] : new StepInfo(d.CurrentStep, d.CurrentStep.ToString(), StepKind.Processing, StaffRole.DepartmentOfficer, 0, null);

        return new DossierDetail
        {
            Id = d.Id, Code = d.Code, Version = d.Version,
            ProcedureCode = row.ProcedureCode, ProcedureName = row.ProcedureName,
            DepartmentId = d.DepartmentId, DepartmentName = row.DepartmentName,
            Channel = d.Channel, ResultDelivery = d.ResultDelivery,
            Status = d.Status, CurrentStep = d.CurrentStep, CurrentStepInfo = current,
            CurrentHandlerId = d.CurrentHandlerId, CurrentHandlerName = d.CurrentHandlerId is null ? null : row.HandlerName,
            ReceivedAt = d.ReceivedAt, AppointmentAt = d.AppointmentAt, OriginalAppointmentAt = d.OriginalAppointmentAt,
            ApologyIssued = d.ApologyIssued, PausedSince = d.PausedSince, CompletedAt = d.CompletedAt, ReturnedAt = d.ReturnedAt,
            Outcome = d.Outcome, PostalTrackingNumber = d.PostalTrackingNumber, Satisfied = d.Satisfied, SatisfactionComment = d.SatisfactionComment,
            PapersReceived = d.PapersReceived,
            Applicant = applicant,
            Steps = steps,
            Timeline = timeline,
            Pauses = pauseEntries,
            Deadline = new DeadlineInfo(d.ReceivedAt, statutory, WorkspaceText.Statutory(row.StatutoryAmount, row.StatutoryUnit), pausedTotal,
                d.AppointmentAt, d.OriginalAppointmentAt, remaining, overdue, clock.Calendar.DayLength,
                Budgets(clock, d.ReceivedAt, statutory, steps, events, pauses, now)),
            Actions = WorkspaceRules.ActionsFor(viewer, d.Status, d.DepartmentId, d.CurrentHandlerId, d.CurrentStep, steps, postalCovered),
            Viewer = viewer,
        };
    }

    private static TimeSpan Positive(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;

    /// <summary>
    /// Step shares against time used. A step visited several times (sent back) adds up its visits: the
    /// clock's <see cref="DeadlineClock.StepBudgets"/> takes one visit per step, so it is asked once per
    /// round of visits. The step the dossier is at now counts up to now (or to its end when finished).
    /// </summary>
    internal static IReadOnlyList<StepBudgetRow> Budgets(DeadlineClock clock, DateTime receivedAt, TimeSpan statutory, IReadOnlyList<StepInfo> steps,
        IReadOnlyList<DossierEvent> events, IReadOnlyList<DossierPause> pauses, DateTime now)
    {
        if (steps.Count == 0) return [];
        var procedureSteps = steps.Select(s => new ProcedureStep { Order = s.Order, Name = s.Name, Kind = s.Kind, Role = s.Role, Share = s.Share, Agency = s.Agency }).ToList();
        var visits = new List<(int Step, DateTime Entered, DateTime? Left)>();
        int? openIndex = null;
        foreach (var e in events)
        {
            var entering = e.Type == DossierEventType.Received || (e.FromStep is { } from && from != e.ToStep);
            if (entering)
            {
                if (openIndex is { } i) visits[i] = visits[i] with { Left = e.At };
                visits.Add((e.ToStep, e.At, null));
                openIndex = visits.Count - 1;
            }
            if (DossierStateMachine.IsFinal(e.ToStatus) && openIndex is { } j)
            {
                visits[j] = visits[j] with { Left = e.At };
                openIndex = null;
            }
        }
        // The visit still open counts up to now (so a step that already overran shows it).
        var currentOrder = openIndex is { } k ? visits[k].Step : (int?)null;
        if (openIndex is { } open) visits[open] = visits[open] with { Left = now > visits[open].Entered ? now : visits[open].Entered };

        var pauseIntervals = pauses.Select(p => new PauseInterval(p.StartedAt, p.EndedAt)).ToList();
        var used = new Dictionary<int, TimeSpan>();
        var count = visits.GroupBy(v => v.Step).ToDictionary(g => g.Key, g => g.Count());
        IReadOnlyList<StepBudget>? first = null;
        var rounds = visits.GroupBy(v => v.Step).SelectMany(g => g.Select((v, round) => (v, round))).GroupBy(x => x.round).OrderBy(g => g.Key);
        foreach (var round in rounds)
        {
            var entries = round.ToDictionary(x => x.v.Step, x => (x.v.Entered, x.v.Left));
            var budgets = clock.StepBudgets(receivedAt, statutory, procedureSteps, entries, pauseIntervals);
            first ??= budgets;
            foreach (var b in budgets)
                if (b.Used is { } u) used[b.Order] = (used.TryGetValue(b.Order, out var sum) ? sum : TimeSpan.Zero) + (u > TimeSpan.Zero ? u : TimeSpan.Zero);
        }
        first ??= clock.StepBudgets(receivedAt, statutory, procedureSteps, new Dictionary<int, (DateTime, DateTime?)>(), pauseIntervals);
        return first.Select(b =>
        {
            var info = steps.First(s => s.Order == b.Order);
            return new StepBudgetRow(b.Order, b.Name, info.Kind, b.Allowed, used.TryGetValue(b.Order, out var u) ? u : null, b.PlannedEndUtc,
                b.Order == currentOrder, count.TryGetValue(b.Order, out var c) ? c : 0);
        }).ToList();
    }
}
