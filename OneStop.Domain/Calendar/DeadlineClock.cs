using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Calendar;

// CONTRACT STUB: the calendar helper replaces this file with the real implementation.

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
public sealed class DeadlineClock(WorkingCalendar calendar)
{
    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>Statutory time as working time: days count as full office days.</summary>
    public TimeSpan StatutoryTime(int amount, TimeUnit unit) => throw new NotImplementedException();

    /// <summary>Appointment for a dossier received at <paramref name="receivedUtc"/> (intake outside office hours counts from the next opening).</summary>
    public DateTime Appointment(DateTime receivedUtc, int amount, TimeUnit unit) => throw new NotImplementedException();

    /// <summary>Appointment once the working time inside the pauses is added back. An open pause counts up to <paramref name="nowUtc"/>.</summary>
    public DateTime AppointmentWithPauses(DateTime receivedUtc, TimeSpan statutory, IEnumerable<PauseInterval> pauses, DateTime nowUtc) => throw new NotImplementedException();

    /// <summary>Working time left until <paramref name="dueUtc"/>; negative once overdue.</summary>
    public TimeSpan Remaining(DateTime dueUtc, DateTime nowUtc) => throw new NotImplementedException();

    /// <summary>Early: finished on a day before the appointment day; on time: on that day by the appointed time; late: after it.</summary>
    public Outcome OutcomeOf(DateTime completedUtc, DateTime dueUtc) => throw new NotImplementedException();

    /// <summary>
    /// Each step's share of the statutory time against the time it used. <paramref name="stepEntries"/>
    /// gives, per step order, when the dossier entered and left it (left null while still there).
    /// </summary>
    public IReadOnlyList<StepBudget> StepBudgets(DateTime receivedUtc, TimeSpan statutory, IReadOnlyList<ProcedureStep> steps,
        IReadOnlyDictionary<int, (DateTime EnteredUtc, DateTime? LeftUtc)> stepEntries, IEnumerable<PauseInterval> pauses) => throw new NotImplementedException();
}
