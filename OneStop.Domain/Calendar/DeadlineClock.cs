using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Calendar;

/// <summary>A stretch during which the clock was stopped (waiting for a supplement). EndUtc null = still paused.</summary>
public sealed record PauseInterval(DateTime StartUtc, DateTime? EndUtc);

/// <summary>How long a step may take and how long it took, in working time.</summary>
public sealed record StepBudget(int Order, string Name, TimeSpan Allowed, TimeSpan? Used, DateTime PlannedEndUtc)
{
    public bool Overran => Used is { } used && used > Allowed;
}

/// <summary>
/// The deadline rules of DOMAIN.md on a <see cref="WorkingCalendar"/>: appointment from intake,
/// pauses excluded, remaining time, step shares and the early / on-time / late outcome.
/// </summary>
/// <remarks>
/// The dossier's clock is E(t) = working time from intake to t minus the working time spent paused in that
/// span. The appointment is the earliest instant at which E reaches the statutory time, so a pause that
/// starts after that instant does not move it. Overlapping pauses are merged (paused time is not counted
/// twice). Immutable and thread-safe like the calendar.
/// </remarks>
public sealed class DeadlineClock(WorkingCalendar calendar)
{
    public WorkingCalendar Calendar { get; } = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>Statutory time as working time: days count as full office days.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative amount or unknown unit.</exception>
    public TimeSpan StatutoryTime(int amount, TimeUnit unit)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "Statutory time cannot be negative.");
        return unit switch
        {
            TimeUnit.WorkingDays => TimeSpan.FromTicks(Calendar.DayLength.Ticks * amount),
            TimeUnit.WorkingHours => TimeSpan.FromTicks(TimeSpan.TicksPerHour * amount),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
        };
    }

    /// <summary>Appointment for a dossier received at <paramref name="receivedUtc"/> (intake outside office hours counts from the next opening).</summary>
    /// <remarks>Amount 0 gives the intake instant itself when inside office hours, else the next opening.</remarks>
    public DateTime Appointment(DateTime receivedUtc, int amount, TimeUnit unit) =>
        Calendar.AddWorkingTime(receivedUtc, StatutoryTime(amount, unit));

    /// <summary>Appointment once the working time inside the pauses is added back. An open pause counts up to <paramref name="nowUtc"/>.</summary>
    /// <remarks>Pause time before intake is ignored; an open pause that starts after <paramref name="nowUtc"/> counts nothing.</remarks>
    public DateTime AppointmentWithPauses(DateTime receivedUtc, TimeSpan statutory, IEnumerable<PauseInterval> pauses, DateTime nowUtc) =>
        ReachClock(receivedUtc, statutory, Merge(pauses, nowUtc));

    /// <summary>Working time left until <paramref name="dueUtc"/>; negative once overdue.</summary>
    public TimeSpan Remaining(DateTime dueUtc, DateTime nowUtc) => Calendar.WorkingTimeBetween(nowUtc, dueUtc);

    /// <summary>Early: finished on a day before the appointment day; on time: on that day by the appointed time; late: after it.</summary>
    /// <remarks>Days are local (UTC+7) dates. Completing exactly at the appointment instant is on time.</remarks>
    public Outcome OutcomeOf(DateTime completedUtc, DateTime dueUtc)
    {
        var completedDay = WorkingCalendar.LocalDate(completedUtc);
        var dueDay = WorkingCalendar.LocalDate(dueUtc);
        if (completedDay < dueDay) return Outcome.Early;
        if (completedDay == dueDay && Utc(completedUtc) <= Utc(dueUtc)) return Outcome.OnTime;
        return Outcome.Late;
    }

    /// <summary>
    /// Each step's share of the statutory time against the time it used. <paramref name="stepEntries"/>
    /// gives, per step order, when the dossier entered and left it (left null while still there).
    /// </summary>
    /// <remarks>
    /// Steps are taken in <see cref="ProcedureStep.Order"/>. Allowed = Share × statutory. PlannedEndUtc = the
    /// instant at which the dossier clock (working time since intake minus paused working time) reaches the
    /// cumulative share of the steps up to this one × statutory; so the last step's planned end is the
    /// appointment with pauses. Used = working time between entering and leaving the step minus the paused
    /// working time inside that span; null when the step was never entered or has not been left yet. Having
    /// no "now", an open pause is counted up to the latest instant the call knows of (intake, step entries
    /// and exits, pause starts and ends).
    /// </remarks>
    public IReadOnlyList<StepBudget> StepBudgets(DateTime receivedUtc, TimeSpan statutory, IReadOnlyList<ProcedureStep> steps,
        IReadOnlyDictionary<int, (DateTime EnteredUtc, DateTime? LeftUtc)> stepEntries, IEnumerable<PauseInterval> pauses)
    {
        var pauseList = pauses as IReadOnlyCollection<PauseInterval> ?? pauses.ToList();
        long latest = Utc(receivedUtc).Ticks;
        foreach (var (entered, left) in stepEntries.Values)
        {
            latest = Math.Max(latest, Utc(entered).Ticks);
            if (left is { } l) latest = Math.Max(latest, Utc(l).Ticks);
        }
        foreach (var p in pauseList)
        {
            latest = Math.Max(latest, Utc(p.StartUtc).Ticks);
            if (p.EndUtc is { } e) latest = Math.Max(latest, Utc(e).Ticks);
        }
        var merged = Merge(pauseList, new DateTime(latest, DateTimeKind.Utc));

        var ordered = steps.OrderBy(s => s.Order).ToArray();
        var result = new StepBudget[ordered.Length];
        double cumulativeShare = 0;
        for (int i = 0; i < ordered.Length; i++)
        {
            var step = ordered[i];
            cumulativeShare += step.Share;
            var allowed = Scale(statutory, step.Share);
            var plannedEnd = ReachClock(receivedUtc, Scale(statutory, cumulativeShare), merged);
            TimeSpan? used = null;
            if (stepEntries.TryGetValue(step.Order, out var entry) && entry.LeftUtc is { } leftUtc)
                used = Calendar.WorkingTimeBetween(entry.EnteredUtc, leftUtc) - PausedWithin(merged, Utc(entry.EnteredUtc), Utc(leftUtc));
            result[i] = new StepBudget(step.Order, step.Name, allowed, used, plannedEnd);
        }
        return result;
    }

    private static TimeSpan Scale(TimeSpan t, double factor) => TimeSpan.FromTicks((long)Math.Round(t.Ticks * factor));

    private static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    /// <summary>Pauses as sorted, disjoint UTC intervals; open ones end at <paramref name="openUntilUtc"/>; empty ones dropped.</summary>
    private static List<(DateTime Start, DateTime End)> Merge(IEnumerable<PauseInterval> pauses, DateTime openUntilUtc)
    {
        var list = new List<(DateTime Start, DateTime End)>();
        foreach (var p in pauses)
        {
            var start = Utc(p.StartUtc);
            var end = p.EndUtc is { } e ? Utc(e) : Utc(openUntilUtc);
            if (end > start) list.Add((start, end));
        }
        if (list.Count < 2) return list;
        list.Sort((x, y) => x.Start.CompareTo(y.Start));
        var merged = new List<(DateTime Start, DateTime End)>(list.Count) { list[0] };
        for (int i = 1; i < list.Count; i++)
        {
            var last = merged[^1];
            if (list[i].Start <= last.End)
                merged[^1] = (last.Start, list[i].End > last.End ? list[i].End : last.End);
            else merged.Add(list[i]);
        }
        return merged;
    }

    /// <summary>Earliest instant at which the dossier clock started at <paramref name="receivedUtc"/> reaches <paramref name="amount"/>, paused during <paramref name="pauses"/>.</summary>
    private DateTime ReachClock(DateTime receivedUtc, TimeSpan amount, List<(DateTime Start, DateTime End)> pauses)
    {
        var t = Utc(receivedUtc);
        var left = amount;
        foreach (var (start, end) in pauses)
        {
            if (end <= t) continue;
            if (start > t)
            {
                var reached = Calendar.AddWorkingTime(t, left);
                if (left > TimeSpan.Zero && reached <= start) return reached;
                if (left == TimeSpan.Zero && reached < start) return reached;
                left -= Calendar.WorkingTimeBetween(t, start);
            }
            t = end;
        }
        return Calendar.AddWorkingTime(t, left);
    }

    /// <summary>Working time of the (merged) pauses inside [from, to].</summary>
    private TimeSpan PausedWithin(List<(DateTime Start, DateTime End)> pauses, DateTime from, DateTime to)
    {
        var total = TimeSpan.Zero;
        foreach (var (start, end) in pauses)
        {
            var s = start > from ? start : from;
            var e = end < to ? end : to;
            if (e > s) total += Calendar.WorkingTimeBetween(s, e);
        }
        return total;
    }
}
