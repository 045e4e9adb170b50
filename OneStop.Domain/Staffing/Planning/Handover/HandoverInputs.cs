namespace OneStop.Domain.Staffing.Planning.Handover;

/// <summary>
/// The planner's settings. Defaults: 80 % of applicants served within 10 minutes of arriving (the usual call-center
/// "80/10", and what a one-stop counter can promise), a person gives <see cref="StaffNeed.ProductiveShare"/> of an hour
/// to dossiers (as the weekly staffing forecast assumes), and a department that keeps its own counter keeps at least
/// one official there in every office hour (seed 000: the centers must staff every department's desk even when it
/// receives almost nothing).
/// </summary>
public sealed record HandoverOptions(
    double TargetShare = HandoverOptions.DefaultTargetShare,
    double AnswerMinutes = HandoverOptions.DefaultAnswerMinutes,
    double ProductiveShare = StaffNeed.ProductiveShare,
    int MinimumOfficials = 1)
{
    public const double DefaultTargetShare = 0.8;
    public const double DefaultAnswerMinutes = 10;
    public static readonly HandoverOptions Default = new();
}

/// <summary>One clock hour of the working week (07:00–08:00 on Monday …) and how much of it the office is open.</summary>
public sealed record HourSlot(DayOfWeek Day, int Hour, double OpenHours)
{
    public string Label => $"{Hour:00}:00–{Hour + 1:00}:00";
}

/// <summary>
/// One department's measured demand, per <see cref="HandoverInputs.Slots"/> entry. Counter customers are the
/// applicants who stand at the counter: dossiers received at the counter and results returned at the counter. The
/// back-office work is the rest of what reception staff do for the department, which keeps nobody waiting: digitizing
/// and handing over every dossier, receiving the online and postal ones, packing the results sent by post.
/// </summary>
public sealed record DepartmentDemand(
    int DepartmentId, string Code, string Name, bool PostalCovered,
    double CounterMinutes, double BackOfficeMinutes,
    IReadOnlyList<double> CounterPerHour, IReadOnlyList<double> BackOfficeHoursPerHour,
    double CounterPerDay, double ReceivedPerDay, int Resolved, int ResolvedInTime)
{
    /// <summary>(early + on time) / resolved over the history window; null when nothing was resolved.</summary>
    public double? OnTimeRate => Resolved == 0 ? null : (double)ResolvedInTime / Resolved;
}

/// <summary>What the history shows of the postal staff in one slot: for the validation.</summary>
public sealed record SlotHistory(double PresentStaff, double ActiveStaff, double ActionsPerHour);

/// <summary>
/// Everything the planner reads from the database: the week's slots, each department's demand, and for the
/// departments the post office serves now, what its staff did in each slot.
/// </summary>
public sealed record HandoverInputs(
    DateOnly HistoryStart, DateOnly HistoryEnd, IReadOnlyList<HourSlot> Slots, IReadOnlyList<DepartmentDemand> Departments,
    IReadOnlyList<SlotHistory> PostalHistory, int PostalRoster, int MeasuredProcedures, int Procedures)
{
    public static readonly HandoverInputs Empty = new(default, default, [], [], [], 0, 0, 0);

    public double WeekOpenHours => Slots.Sum(s => s.OpenHours);
    public IReadOnlySet<int> CurrentSet => Departments.Where(d => d.PostalCovered).Select(d => d.DepartmentId).ToHashSet();
    public DepartmentDemand? Department(int id) => Departments.FirstOrDefault(d => d.DepartmentId == id);
}
