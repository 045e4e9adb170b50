using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing.Balancing;

namespace OneStop.Domain.Staffing;

public sealed record StaffingDepartment(int Id, string Code, string Name);

public sealed record AbsenceRow(int StaffId, string FullName, DateOnly Date, AbsenceKind Kind, string? Note);

/// <summary>A covered department and who covers it today; <see cref="Uncovered"/> when nobody covering it is present.</summary>
public sealed record DepartmentCover(StaffingDepartment Department, IReadOnlyList<string> PresentCoverers, IReadOnlyList<string> AbsentCoverers)
{
    public bool Uncovered => PresentCoverers.Count == 0;
}

/// <summary>One postal staff member: the matrix row and the load figures.</summary>
public sealed record StaffLoad(
    int StaffId, string FullName, string UserName, bool Present, AbsenceKind? Absence, string? AbsenceNote,
    IReadOnlySet<int> Covers, IReadOnlySet<int> Trained,
    int OpenInHand, int IntakeToday, int ToHandOver, int ToReturn, int WaitingSupplement,
    IReadOnlyDictionary<PostalStep, StepTime> StepTimes, double QueuedHours, double LoadIndex);

/// <summary>Everything /staffing shows except the planning part, at one instant.</summary>
public sealed record StaffingSnapshot(
    DateTime AtUtc, DateOnly Day, bool DayIsToday, double HoursLeft, double DayHours,
    IReadOnlyList<StaffingDepartment> Departments, IReadOnlyList<StaffLoad> Staff, IReadOnlyList<DepartmentCover> Coverage,
    IReadOnlyDictionary<PostalStep, StepTime> CenterStepTimes, BalancingPlan Plan)
{
    public static readonly StaffingSnapshot Empty = new(default, default, true, 0, 0, [], [], [], new Dictionary<PostalStep, StepTime>(),
        new BalancingPlan([], [], new Dictionary<int, double>()));

    public string StaffName(int id) => Staff.FirstOrDefault(s => s.StaffId == id)?.FullName ?? $"#{id}";
    public StaffingDepartment? Department(int id) => Departments.FirstOrDefault(d => d.Id == id);
    public IReadOnlyList<DepartmentCover> Uncovered => Coverage.Where(c => c.Uncovered).ToList();
}

/// <summary>
/// Reads the postal staff's situation (coverage, training, absences, the dossiers in their hands, today's intake and
/// four weeks of actions) and runs <see cref="LoadBalancer"/> on it. The day it plans for is today while office hours
/// remain, otherwise the next working day (its full hours).
/// </summary>
public sealed class StaffingQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time)
{
    /// <summary>How far back handling times are measured.</summary>
    public static readonly TimeSpan MeasureWindow = TimeSpan.FromDays(28);

    public async Task<StaffingSnapshot> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var (day, hoursLeft) = PlanningDay(calendar, now);
        await using var db = await contexts.CreateDbContextAsync(ct);

        var departments = await db.Departments.AsNoTracking().Where(d => d.PostalCovered).OrderBy(d => d.SortOrder)
            .Select(d => new StaffingDepartment(d.Id, d.Code, d.Name)).ToListAsync(ct);
        var roster = await RosterAsync(db, day, ct);
        var staffIds = roster.Select(s => s.Id).ToList();

        var open = await db.Dossiers.AsNoTracking()
            .Where(d => d.CurrentHandlerId != null && staffIds.Contains(d.CurrentHandlerId.Value)
                        && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress
                            || d.Status == DossierStatus.WaitingSupplement || d.Status == DossierStatus.ResultReady))
            .Select(d => new { d.Code, d.Version, d.DepartmentId, d.Status, d.AppointmentAt, Handler = d.CurrentHandlerId!.Value })
            .ToListAsync(ct);
        var todayStart = WorkingCalendar.ToUtc(WorkingCalendar.ToLocal(now).Date);
        var intakeToday = await db.DossierEvents.AsNoTracking()
            .Where(e => e.Type == DossierEventType.Received && e.At >= todayStart && e.ActorId != null && staffIds.Contains(e.ActorId.Value))
            .GroupBy(e => e.ActorId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var times = await HandlingTimesAsync(db, staffIds, calendar, now, ct);
        double Hours(PostalStep step) => times[(null, step)].Minutes / 60;

        var situations = roster.Select(s => new StaffSituation(s.Id, s.FullName, s.Present, hoursLeft, s.Trained, s.Covers,
            open.Where(d => d.Handler == s.Id && d.Status is DossierStatus.Received or DossierStatus.ResultReady)
                .Select(d => d.Status == DossierStatus.Received
                    ? new QueuedDossier(d.Code, d.Version, d.DepartmentId, QueueStep.HandOver, Hours(PostalStep.HandOver), d.AppointmentAt)
                    : new QueuedDossier(d.Code, d.Version, d.DepartmentId, QueueStep.Return, Hours(PostalStep.Return), d.AppointmentAt))
                .OrderBy(q => q.AppointmentAt).ToList())).ToList();
        var plan = LoadBalancer.Plan(situations, departments.Select(d => d.Id).ToList());

        var loads = roster.Select((s, i) =>
        {
            var mine = open.Where(d => d.Handler == s.Id).ToList();
            var stepTimes = Enum.GetValues<PostalStep>().ToDictionary(p => p, p => times.GetValueOrDefault((s.Id, p)) ?? new StepTime(p, times[(null, p)].Minutes, 0));
            return new StaffLoad(s.Id, s.FullName, s.UserName, s.Present, s.Absence, s.AbsenceNote, s.Covers, s.Trained,
                mine.Count, intakeToday.GetValueOrDefault(s.Id),
                mine.Count(d => d.Status == DossierStatus.Received), mine.Count(d => d.Status == DossierStatus.ResultReady),
                mine.Count(d => d.Status == DossierStatus.WaitingSupplement),
                stepTimes, situations[i].QueuedHours, LoadBalancer.LoadOf(situations[i]));
        }).ToList();
        var coverage = CoverageOf(departments, roster);
        return new StaffingSnapshot(now, day, day == WorkingCalendar.LocalDate(now), hoursLeft, calendar.DayLength.TotalHours,
            departments, loads, coverage, Enum.GetValues<PostalStep>().ToDictionary(p => p, p => times[(null, p)]), plan);
    }

    /// <summary>How long handling times are reused: a four-week average barely moves in a few minutes, and the live page recomputes on every dossier change.</summary>
    public static readonly TimeSpan HandlingTimesReuse = TimeSpan.FromMinutes(5);
    private sealed record TimesCache(DateTime At, string Staff, IReadOnlyDictionary<(int? StaffId, PostalStep Step), StepTime> Times);
    private volatile TimesCache? _times; // one reference, swapped whole: safe for concurrent readers

    private async Task<IReadOnlyDictionary<(int? StaffId, PostalStep Step), StepTime>> HandlingTimesAsync(OneStopDbContext db, List<int> staffIds,
        WorkingCalendar calendar, DateTime now, CancellationToken ct)
    {
        var key = string.Join(",", staffIds);
        if (_times is { } cached && cached.Staff == key && now >= cached.At && now - cached.At < HandlingTimesReuse) return cached.Times;
        var times = HandlingTimes.Measure(await ActionsAsync(db, staffIds, now, ct), calendar);
        _times = new TimesCache(now, key, times);
        return times;
    }

    /// <summary>Covered departments with nobody covering them present on the planning day: the director's warning.</summary>
    public async Task<IReadOnlyList<DepartmentCover>> UncoveredAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (day, _) = PlanningDay(await calendars.GetAsync(ct), now);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.PostalCovered).OrderBy(d => d.SortOrder)
            .Select(d => new StaffingDepartment(d.Id, d.Code, d.Name)).ToListAsync(ct);
        return CoverageOf(departments, await RosterAsync(db, day, ct)).Where(c => c.Uncovered).ToList();
    }

    /// <summary>Recorded absences from <paramref name="from"/> on, for the next <paramref name="days"/> days, by date.</summary>
    public async Task<IReadOnlyList<AbsenceRow>> AbsencesAsync(DateOnly from, int days, CancellationToken ct = default)
    {
        var to = from.AddDays(days);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.StaffAbsences.AsNoTracking().Where(a => a.Date >= from && a.Date < to)
            .OrderBy(a => a.Date).ThenBy(a => a.Staff!.UserName)
            .Select(a => new AbsenceRow(a.StaffId, a.Staff!.FullName, a.Date, a.Kind, a.Note))
            .ToListAsync(ct);
    }

    /// <summary>The day staffing is planned for and the working hours left in it.</summary>
    public static (DateOnly Day, double HoursLeft) PlanningDay(WorkingCalendar calendar, DateTime nowUtc)
    {
        var opening = calendar.NextOpening(nowUtc);
        var day = WorkingCalendar.LocalDate(opening);
        var end = WorkingCalendar.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        return (day, calendar.WorkingTimeBetween(nowUtc, end).TotalHours);
    }

    /// <summary>The postal actions of the last <see cref="MeasureWindow"/>, for <see cref="HandlingTimes"/>.</summary>
    public static async Task<List<PostalAction>> ActionsAsync(OneStopDbContext db, IReadOnlyCollection<int> staffIds, DateTime nowUtc, CancellationToken ct)
    {
        var since = nowUtc - MeasureWindow;
        var rows = await db.DossierEvents.AsNoTracking()
            .Where(e => (e.Type == DossierEventType.Received || e.Type == DossierEventType.Returned
                         || (e.Type == DossierEventType.HandedOver && e.FromStatus == DossierStatus.Received))
                        && e.At >= since && e.At <= nowUtc && e.ActorId != null && staffIds.Contains(e.ActorId.Value))
            .Select(e => new { Staff = e.ActorId!.Value, e.Type, e.At })
            .ToListAsync(ct);
        return rows.Select(r => new PostalAction(r.Staff, r.Type switch
        {
            DossierEventType.Received => PostalStep.Intake,
            DossierEventType.HandedOver => PostalStep.HandOver,
            _ => PostalStep.Return,
        }, r.At)).ToList();
    }

    internal sealed record RosterEntry(int Id, string FullName, string UserName, bool Present, AbsenceKind? Absence, string? AbsenceNote,
        IReadOnlySet<int> Covers, IReadOnlySet<int> Trained);

    internal static async Task<List<RosterEntry>> RosterAsync(OneStopDbContext db, DateOnly day, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.PostalStaff && s.Active).OrderBy(s => s.UserName)
            .Select(s => new { s.Id, s.FullName, s.UserName, Covers = s.Coverage.Select(c => c.DepartmentId).ToList() })
            .ToListAsync(ct);
        var trained = (await db.StaffQualifications.AsNoTracking().Select(q => new { q.StaffId, q.DepartmentId }).ToListAsync(ct))
            .ToLookup(q => q.StaffId, q => q.DepartmentId);
        var absences = await db.StaffAbsences.AsNoTracking().Where(a => a.Date == day).ToDictionaryAsync(a => a.StaffId, ct);
        return staff.Select(s =>
        {
            var absence = absences.GetValueOrDefault(s.Id);
            return new RosterEntry(s.Id, s.FullName, s.UserName, absence is null, absence?.Kind, absence?.Note,
                s.Covers.ToHashSet(), trained[s.Id].Concat(s.Covers).ToHashSet());
        }).ToList();
    }

    private static List<DepartmentCover> CoverageOf(List<StaffingDepartment> departments, List<RosterEntry> roster) =>
        departments.Select(d => new DepartmentCover(d,
                roster.Where(s => s.Present && s.Covers.Contains(d.Id)).Select(s => s.FullName).ToList(),
                roster.Where(s => !s.Present && s.Covers.Contains(d.Id)).Select(s => s.FullName).ToList()))
            .ToList();
}
