using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing.Balancing;

namespace OneStop.Domain.Staffing.Planning.Handover;

/// <summary>
/// Reads what the hand-over planner needs from the history: over the last <see cref="HistoryWeeks"/> full weeks,
/// each department's counter applicants (counter intakes and counter returns) per weekday and clock hour, its
/// dossiers per weekday, the procedure mix, the on-time outcomes; handling minutes per procedure over the last
/// <see cref="MeasureWeeks"/> weeks (<see cref="ProcedureMinutes"/>); and, for the validation, the postal staff
/// present and active in each slot. Counts are grouped in SQL by the Vietnamese local day and hour.
/// </summary>
public sealed class HandoverPlanQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time)
{
    public const int HistoryWeeks = 52;
    /// <summary>Handling minutes come from recent weeks: how people work now, and a year of events is a lot to load.</summary>
    public const int MeasureWeeks = 12;

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public async Task<HandoverInputs> LoadAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var today = WorkingCalendar.LocalDate(now);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var start = thisMonday.AddDays(-7 * HistoryWeeks);
        var fromUtc = WorkingCalendar.ToUtc(start.ToDateTime(TimeOnly.MinValue));
        var toUtc = WorkingCalendar.ToUtc(thisMonday.ToDateTime(TimeOnly.MinValue));

        var slots = Slots(calendar.Hours);
        var slotIndex = slots.Select((s, i) => (s, i)).ToDictionary(x => (x.s.Day, x.s.Hour), x => x.i);
        var workingDates = Enumerable.Range(0, 7 * HistoryWeeks).Select(start.AddDays)
            .Where(d => calendar.IsWorkingDay(d) && Weekdays.Contains(d.DayOfWeek)).ToHashSet();
        var daysPer = Weekdays.ToDictionary(w => w, w => workingDates.Count(d => d.DayOfWeek == w));
        var dayOpen = slots.Where(s => s.Day == DayOfWeek.Monday).Sum(s => s.OpenHours);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder)
            .Select(d => new { d.Id, d.Code, d.Name, d.PostalCovered }).ToListAsync(ct);
        var procedureCount = await db.Procedures.CountAsync(ct);
        var inWindow = db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt >= fromUtc && d.ReceivedAt < toUtc);
        var returnedInWindow = db.Dossiers.AsNoTracking().Where(d => d.ReturnedAt >= fromUtc && d.ReturnedAt < toUtc);

        // The procedure mix: what each department's applicants come for, and how.
        var received = await inWindow.GroupBy(d => new { d.DepartmentId, d.ProcedureId, d.Channel })
            .Select(g => new { g.Key.DepartmentId, g.Key.ProcedureId, g.Key.Channel, Count = g.Count() }).ToListAsync(ct);
        var returned = await returnedInWindow.GroupBy(d => new { d.DepartmentId, d.ProcedureId, d.ResultDelivery })
            .Select(g => new { g.Key.DepartmentId, g.Key.ProcedureId, g.Key.ResultDelivery, Count = g.Count() }).ToListAsync(ct);

        // Counter applicants per department, local day and hour: a year is at most 17 departments × 260 days × 10 hours rows.
        var counterIn = await inWindow.Where(d => d.Channel == Channel.Counter)
            .GroupBy(d => new { d.DepartmentId, Day = d.ReceivedAt.AddHours(7).Date, d.ReceivedAt.AddHours(7).Hour })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.Day, g.Key.Hour, g.Count())).ToListAsync(ct);
        var counterOut = await returnedInWindow.Where(d => d.ResultDelivery == ResultDelivery.Counter)
            .GroupBy(d => new { d.DepartmentId, Day = d.ReturnedAt!.Value.AddHours(7).Date, d.ReturnedAt!.Value.AddHours(7).Hour })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.Day, g.Key.Hour, g.Count())).ToListAsync(ct);
        var perDay = await inWindow.GroupBy(d => new { d.DepartmentId, Day = d.ReceivedAt.AddHours(7).Date })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.Day, 0, g.Count())).ToListAsync(ct);
        var outcomes = await db.Dossiers.AsNoTracking().Where(d => d.CompletedAt >= fromUtc && d.CompletedAt < toUtc && d.Outcome != null)
            .GroupBy(d => new { d.DepartmentId, d.Outcome }).Select(g => new { g.Key.DepartmentId, g.Key.Outcome, Count = g.Count() }).ToListAsync(ct);

        var minutes = new ProcedureMinutes(await ActionsAsync(db, now - TimeSpan.FromDays(7 * MeasureWeeks), now, ct), calendar);

        var demands = departments.Select(d =>
        {
            double counterWork = 0, counterCount = 0, backWork = 0, receivedCount = 0;
            foreach (var r in received.Where(r => r.DepartmentId == d.Id))
            {
                var intake = minutes.Minutes(r.ProcedureId, d.Id, PostalStep.Intake);
                backWork += r.Count * minutes.Minutes(r.ProcedureId, d.Id, PostalStep.HandOver);
                receivedCount += r.Count;
                if (r.Channel == Channel.Counter) { counterWork += r.Count * intake; counterCount += r.Count; }
                else backWork += r.Count * intake;
            }
            foreach (var r in returned.Where(r => r.DepartmentId == d.Id))
            {
                var ret = minutes.Minutes(r.ProcedureId, d.Id, PostalStep.Return);
                if (r.ResultDelivery == ResultDelivery.Counter) { counterWork += r.Count * ret; counterCount += r.Count; }
                else backWork += r.Count * ret;
            }
            var counterMinutes = counterCount > 0 ? counterWork / counterCount : minutes.Minutes(0, d.Id, PostalStep.Intake);
            var backMinutes = receivedCount > 0 ? backWork / receivedCount : 0;

            var perHour = new double[slots.Count];
            foreach (var c in counterIn.Concat(counterOut).Where(c => c.DepartmentId == d.Id))
            {
                var date = DateOnly.FromDateTime(c.Day);
                if (workingDates.Contains(date) && slotIndex.TryGetValue((date.DayOfWeek, c.Hour), out var i)) perHour[i] += c.Count;
            }
            // Back-office work keeps nobody waiting: it is spread over the day's open hours, by weekday.
            var receivedOn = Weekdays.ToDictionary(w => w, _ => 0.0);
            foreach (var c in perDay.Where(c => c.DepartmentId == d.Id))
            {
                var date = DateOnly.FromDateTime(c.Day);
                if (workingDates.Contains(date)) receivedOn[date.DayOfWeek] += c.Count;
            }
            var back = new double[slots.Count];
            for (var i = 0; i < slots.Count; i++)
            {
                var days = daysPer[slots[i].Day];
                perHour[i] = days == 0 ? 0 : perHour[i] / days / slots[i].OpenHours;
                back[i] = days == 0 || dayOpen <= 0 ? 0 : receivedOn[slots[i].Day] / days * backMinutes / 60 / dayOpen;
            }
            var workingDays = Math.Max(1, workingDates.Count);
            var mine = outcomes.Where(o => o.DepartmentId == d.Id).ToList();
            return new DepartmentDemand(d.Id, d.Code, d.Name, d.PostalCovered, counterMinutes, backMinutes, perHour, back,
                counterCount / workingDays, receivedCount / workingDays,
                mine.Sum(o => o.Count), mine.Where(o => o.Outcome != Outcome.Late).Sum(o => o.Count));
        }).ToList();

        var (history, roster) = await PostalHistoryAsync(db, slots, slotIndex, workingDates, daysPer, fromUtc, toUtc, start, thisMonday, ct);
        return new HandoverInputs(start, thisMonday.AddDays(-1), slots, demands, history, roster, minutes.MeasuredProcedures, procedureCount);
    }

    private sealed record Cell(int DepartmentId, DateTime Day, int Hour, int Count);

    /// <summary>Monday to Friday, each clock hour that overlaps the office hours, with the overlap in hours.</summary>
    public static List<HourSlot> Slots(OfficeHours hours)
    {
        var slots = new List<HourSlot>();
        foreach (var day in Weekdays)
            for (var h = 0; h < 24; h++)
            {
                var from = new TimeOnly(h, 0);
                var open = hours.Sessions.Sum(s =>
                {
                    var a = s.Start > from ? s.Start : from;
                    var b = h == 23 ? s.End : (s.End < new TimeOnly(h + 1, 0) ? s.End : new TimeOnly(h + 1, 0));
                    return b > a ? (b - a).TotalHours : 0;
                });
                if (open > 0) slots.Add(new HourSlot(day, h, open));
            }
        return slots;
    }

    /// <summary>Intakes, hand-overs out of reception and returns, by anyone, with the dossier's procedure.</summary>
    private static async Task<List<CounterAction>> ActionsAsync(OneStopDbContext db, DateTime since, DateTime until, CancellationToken ct)
    {
        var rows = await (from e in db.DossierEvents.AsNoTracking()
                          where (e.Type == DossierEventType.Received || e.Type == DossierEventType.Returned
                                 || (e.Type == DossierEventType.HandedOver && e.FromStatus == DossierStatus.Received))
                                && e.At >= since && e.At <= until && e.ActorId != null
                          join d in db.Dossiers on e.DossierId equals d.Id
                          select new { Staff = e.ActorId!.Value, d.ProcedureId, d.DepartmentId, e.Type, e.At }).ToListAsync(ct);
        return rows.Select(r => new CounterAction(r.Staff, r.ProcedureId, r.DepartmentId, r.Type switch
        {
            DossierEventType.Received => PostalStep.Intake,
            DossierEventType.HandedOver => PostalStep.HandOver,
            _ => PostalStep.Return,
        }, r.At)).ToList();
    }

    /// <summary>Per slot: postal staff on the roster that day (minus absences), postal staff who acted in that hour, and their actions.</summary>
    private static async Task<(List<SlotHistory>, int)> PostalHistoryAsync(OneStopDbContext db, List<HourSlot> slots,
        Dictionary<(DayOfWeek, int), int> slotIndex, HashSet<DateOnly> workingDates, Dictionary<DayOfWeek, int> daysPer,
        DateTime fromUtc, DateTime toUtc, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var postal = await db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.PostalStaff && s.Active).Select(s => s.Id).ToListAsync(ct);
        var acted = await db.DossierEvents.AsNoTracking()
            .Where(e => (e.Type == DossierEventType.Received || e.Type == DossierEventType.Returned
                         || (e.Type == DossierEventType.HandedOver && e.FromStatus == DossierStatus.Received))
                        && e.At >= fromUtc && e.At < toUtc && e.ActorId != null && postal.Contains(e.ActorId.Value))
            .GroupBy(e => new { Day = e.At.AddHours(7).Date, e.At.AddHours(7).Hour, Staff = e.ActorId!.Value })
            .Select(g => new { g.Key.Day, g.Key.Hour, Count = g.Count() }).ToListAsync(ct);
        var absent = await db.StaffAbsences.AsNoTracking().Where(a => a.Date >= start && a.Date < end && postal.Contains(a.StaffId))
            .GroupBy(a => a.Date).Select(g => new { Date = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Date, x => x.Count, ct);

        var active = new double[slots.Count];
        var actions = new double[slots.Count];
        foreach (var a in acted)
        {
            var date = DateOnly.FromDateTime(a.Day);
            if (!workingDates.Contains(date) || !slotIndex.TryGetValue((date.DayOfWeek, a.Hour), out var i)) continue;
            active[i] += 1;
            actions[i] += a.Count;
        }
        var present = Weekdays.ToDictionary(w => w, w =>
        {
            var days = workingDates.Where(d => d.DayOfWeek == w).ToList();
            return days.Count == 0 ? 0 : days.Average(d => postal.Count - absent.GetValueOrDefault(d));
        });
        var history = slots.Select((s, i) =>
        {
            var days = daysPer[s.Day];
            return days == 0 ? new SlotHistory(0, 0, 0) : new SlotHistory(present[s.Day], active[i] / days, actions[i] / days / s.OpenHours);
        }).ToList();
        return (history, postal.Count);
    }
}
