namespace OneStop.Domain.Staffing.Planning;

/// <summary>Working hours a department's postal work takes per day, on average over the forecast.</summary>
public sealed record DepartmentWork(int DepartmentId, double HoursPerDay);

/// <summary>
/// How many postal staff a volume of dossiers needs. One dossier costs the measured intake, hand-over and return
/// times; a person gives <see cref="ProductiveShare"/> of their office hours to dossiers (the rest goes to guiding
/// applicants at the counter, phone calls and breaks).
/// </summary>
public static class StaffNeed
{
    public const double ProductiveShare = 0.8;

    /// <summary>Full-time staff needed (a fraction) for <paramref name="dossiers"/> over <paramref name="workingDays"/> days.</summary>
    public static double FullTimeEquivalent(double dossiers, double minutesPerDossier, int workingDays, double dayHours) =>
        workingDays <= 0 || dayHours <= 0 ? 0 : dossiers * minutesPerDossier / 60 / (workingDays * dayHours * ProductiveShare);

    /// <summary>Whole people: the fraction rounded up.</summary>
    public static int People(double fullTimeEquivalent) => (int)Math.Ceiling(fullTimeEquivalent - 1e-9);

    /// <summary>
    /// Each person's expected load index on an average forecast day: every department's hours shared evenly among the
    /// people who cover it; a department nobody in <paramref name="staff"/> covers is shared among all of them.
    /// </summary>
    public static IReadOnlyDictionary<int, double> ProjectedLoads(IReadOnlyList<int> staff, IReadOnlyDictionary<int, IReadOnlySet<int>> covers,
        IReadOnlyList<DepartmentWork> work, double dayHours)
    {
        var hours = staff.ToDictionary(s => s, _ => 0.0);
        if (staff.Count == 0) return hours;
        foreach (var w in work)
        {
            var coverers = staff.Where(s => covers.TryGetValue(s, out var c) && c.Contains(w.DepartmentId)).ToList();
            if (coverers.Count == 0) coverers = [.. staff];
            foreach (var s in coverers) hours[s] += w.HoursPerDay / coverers.Count;
        }
        return hours.ToDictionary(h => h.Key, h => h.Value / (dayHours * ProductiveShare));
    }
}
