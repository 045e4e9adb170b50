using OneStop.Domain.Calendar;

namespace OneStop.Domain.Staffing.Balancing;

/// <summary>The steps a postal staff member performs on a dossier.</summary>
public enum PostalStep
{
    /// <summary>Tiếp nhận: the Received event.</summary>
    Intake,
    /// <summary>Số hóa và chuyển: the hand-over out of the Received status.</summary>
    HandOver,
    /// <summary>Trả kết quả: the Returned event.</summary>
    Return,
}

/// <summary>One action a postal staff member took, as the event log records it.</summary>
public sealed record PostalAction(int StaffId, PostalStep Step, DateTime AtUtc);

/// <summary>Average handling time of one step, and how many measured actions it rests on (0: the default was used).</summary>
public sealed record StepTime(PostalStep Step, double Minutes, int Samples);

/// <summary>
/// How long each postal step takes, measured from the event log. Events only say when an action was recorded, not
/// when work on it began, so the time an action took is read as the working time since the same person's previous
/// action, when that gap is at most <see cref="MaxGap"/>. A longer gap means the person was waiting for work (or
/// away), which says nothing about how long the work takes, so it is not a sample. Where a step has fewer than
/// <see cref="MinSamples"/> samples the default applies.
/// </summary>
public static class HandlingTimes
{
    public static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(30);
    public const int MinSamples = 5;

    /// <summary>Used when the log has too little to measure: a counter intake, a digitization and hand-over, a return.</summary>
    public static readonly IReadOnlyDictionary<PostalStep, double> DefaultMinutes = new Dictionary<PostalStep, double>
    {
        [PostalStep.Intake] = 10, [PostalStep.HandOver] = 15, [PostalStep.Return] = 8,
    };

    /// <summary>Per staff member and step (key null: everybody together), the average minutes.</summary>
    public static IReadOnlyDictionary<(int? StaffId, PostalStep Step), StepTime> Measure(IEnumerable<PostalAction> actions, WorkingCalendar calendar)
    {
        var samples = new Dictionary<(int?, PostalStep), List<double>>();
        foreach (var (a, minutes) in Gaps(actions, a => a.StaffId, a => a.AtUtc, calendar))
        {
            Add((a.StaffId, a.Step), minutes);
            Add((null, a.Step), minutes);
        }
        var result = new Dictionary<(int? StaffId, PostalStep Step), StepTime>();
        foreach (var ((staffId, step), list) in samples)
            result[(staffId, step)] = list.Count >= MinSamples ? new StepTime(step, list.Average(), list.Count) : new StepTime(step, DefaultMinutes[step], 0);
        foreach (var step in Enum.GetValues<PostalStep>())
            result.TryAdd((null, step), new StepTime(step, DefaultMinutes[step], 0));
        return result;

        void Add((int?, PostalStep) key, double minutes)
        {
            if (!samples.TryGetValue(key, out var list)) samples[key] = list = [];
            list.Add(minutes);
        }
    }

    /// <summary>
    /// The measured actions with the minutes each took: the working time since the same person's previous action on the
    /// same local day, when that is above zero and at most <see cref="MaxGap"/>. Other actions yield nothing. Generic so
    /// that the hand-over planner can key the same samples by procedure.
    /// </summary>
    public static IEnumerable<(T Action, double Minutes)> Gaps<T>(IEnumerable<T> actions, Func<T, int> staffOf, Func<T, DateTime> atOf, WorkingCalendar calendar)
    {
        foreach (var person in actions.GroupBy(staffOf))
        {
            DateTime? previous = null;
            foreach (var a in person.OrderBy(atOf))
            {
                var at = atOf(a);
                if (previous is { } p && WorkingCalendar.LocalDate(p) == WorkingCalendar.LocalDate(at))
                {
                    var gap = calendar.WorkingTimeBetween(p, at);
                    if (gap > TimeSpan.Zero && gap <= MaxGap) yield return (a, gap.TotalMinutes);
                }
                previous = at;
            }
        }
    }
}
