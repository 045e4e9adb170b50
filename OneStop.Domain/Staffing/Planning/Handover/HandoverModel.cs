namespace OneStop.Domain.Staffing.Planning.Handover;

/// <summary>One slot of a plan: the pooled demand, the staff it needs, and the counter with the staff on hand.</summary>
public sealed record SlotResult(
    HourSlot Slot, double CounterPerHour, double Load, double BackOfficeHours, double ServiceMinutes,
    int StaffNeeded, double WaitMinutes, double ServiceLevel)
{
    /// <summary>The staff on hand cannot meet the service level (or the hour's work) in this slot.</summary>
    public bool Short { get; init; }
}

/// <summary>
/// A plan: a set of departments handed to the post office, staffed by <see cref="PostalStaff"/> people.
/// </summary>
/// <param name="PeakStaff">The most postal staff any slot needs.</param>
/// <param name="StaffHoursPerWeek">Σ over slots of staff needed × open hours.</param>
/// <param name="MeanWaitMinutes">Expected wait at the counter with <see cref="PostalStaff"/> people, averaged over the week's applicants (+∞ if some slot's queue grows without end).</param>
/// <param name="CounterHoursFreed">Official counter hours a week the departments no longer staff.</param>
/// <param name="ShortCustomerShare">Share of the set's counter applicants who arrive in a slot where the staff on hand fall short: the on-time risk at the counter.</param>
/// <param name="OnTimeRate">The set's departments' on-time rate over the history window (resolved-weighted).</param>
public sealed record PlanResult(
    IReadOnlySet<int> Departments, int PostalStaff, IReadOnlyList<SlotResult> Slots,
    int PeakStaff, double StaffHoursPerWeek, double MeanWaitMinutes, double CounterHoursFreed,
    double ShortCustomerShare, int ShortSlots, double? OnTimeRate)
{
    /// <summary>Every slot's need is met by the staff on hand.</summary>
    public bool Feasible => ShortSlots == 0;
}

/// <summary>
/// The hand-over planner's queueing model. In each clock hour of the week the departments handed to the post office
/// form one pooled counter, an M/M/c queue (<see cref="ErlangC"/>): the counter applicants arrive as a Poisson stream
/// at the rate the history measured for that weekday and hour, and are served in the measured minutes of their
/// procedure (the mean over the mix; Erlang C needs only the mean). The postal staff an hour needs is the larger of
/// (1) the fewest servers meeting the service level, and (2) the people whose productive hours hold the hour's work,
/// counter and back office together: ⌈(a + b) / productive share⌉. (2) is there because the back-office work
/// (digitizing, handing over) waits for nobody but must still be done by the same people between applicants.
/// A department that keeps its own counter needs, in each slot, the same computed for it alone, and at least
/// <see cref="HandoverOptions.MinimumOfficials"/>: those official hours are what handing it over frees.
/// Assumptions, stated: arrivals within an hour are Poisson at the measured mean (no bursts), service times are
/// exponential, applicants do not give up, postal staff are interchangeable (all trained for all the set's
/// departments), and each hour is in steady state (an hour's queue does not spill into the next).
/// </summary>
public static class HandoverModel
{
    /// <summary>The staff one slot needs for a counter load a (Erlangs) of mean service S minutes plus b back-office hours per hour.</summary>
    public static int StaffNeeded(double counterPerHour, double load, double backOfficeHours, HandoverOptions options)
    {
        if (load <= 0 && backOfficeHours <= 0) return 0;
        var serviceMinutes = counterPerHour > 0 ? load * 60 / counterPerHour : 0;
        var queue = load > 0 ? ErlangC.SmallestStaff(load, serviceMinutes, options.TargetShare, options.AnswerMinutes) : 0;
        var work = (int)Math.Ceiling((load + backOfficeHours) / options.ProductiveShare - 1e-9);
        return Math.Max(queue, work);
    }

    /// <summary>Official counter hours a week the department needs while it keeps its own counter: what handing it over frees.</summary>
    public static double OfficialHours(HandoverInputs inputs, DepartmentDemand d, HandoverOptions options)
    {
        var hours = 0.0;
        for (var i = 0; i < inputs.Slots.Count; i++)
        {
            var lambda = d.CounterPerHour[i];
            var need = StaffNeeded(lambda, lambda * d.CounterMinutes / 60, d.BackOfficeHoursPerHour[i], options);
            hours += inputs.Slots[i].OpenHours * Math.Max(options.MinimumOfficials, need);
        }
        return hours;
    }

    /// <summary>The plan for <paramref name="set"/> with <paramref name="postalStaff"/> people on hand in every slot.</summary>
    public static PlanResult Evaluate(HandoverInputs inputs, IReadOnlySet<int> set, int postalStaff, HandoverOptions options)
    {
        var members = inputs.Departments.Where(d => set.Contains(d.DepartmentId)).ToList();
        var slots = new List<SlotResult>(inputs.Slots.Count);
        double customers = 0, shortCustomers = 0, waited = 0;
        for (var i = 0; i < inputs.Slots.Count; i++)
        {
            var slot = inputs.Slots[i];
            var lambda = members.Sum(d => d.CounterPerHour[i]);
            var load = members.Sum(d => d.CounterPerHour[i] * d.CounterMinutes / 60);
            var back = members.Sum(d => d.BackOfficeHoursPerHour[i]);
            var service = lambda > 0 ? load * 60 / lambda : 0;
            var need = StaffNeeded(lambda, load, back, options);
            var wait = ErlangC.MeanWait(postalStaff, load, service);
            var level = ErlangC.ServiceLevel(postalStaff, load, service, options.AnswerMinutes);
            var isShort = need > postalStaff;
            slots.Add(new SlotResult(slot, lambda, load, back, service, need, wait, level) { Short = isShort });
            var arriving = lambda * slot.OpenHours;
            customers += arriving;
            if (isShort) shortCustomers += arriving;
            if (arriving > 0) waited += arriving * wait;
        }
        var freed = members.Sum(d => OfficialHours(inputs, d, options));
        var resolved = members.Sum(d => d.Resolved);
        return new PlanResult(set, postalStaff, slots,
            slots.Count == 0 ? 0 : slots.Max(s => s.StaffNeeded),
            slots.Sum(s => s.StaffNeeded * s.Slot.OpenHours),
            customers > 0 ? waited / customers : 0,
            freed,
            customers > 0 ? shortCustomers / customers : 0,
            slots.Count(s => s.Short),
            resolved == 0 ? null : (double)members.Sum(d => d.ResolvedInTime) / resolved);
    }
}
