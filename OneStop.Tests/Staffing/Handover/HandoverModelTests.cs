using OneStop.Domain.Staffing.Planning.Handover;

namespace OneStop.Tests.Staffing.Handover;

/// <summary>
/// The staffing rule, a plan's figures and the suggester on a one-hour made-up center whose answers are worked out by
/// hand (80 % within 10 minutes, 80 % productive hours, one official minimum):
/// A: 12 counter applicants an hour of 10 minutes (a = 2). Alone: c = 2 is unstable; c = 3: C = 4/9 (ErlangCTests),
///    P(W ≤ 10) = 1 − (4/9)e⁻¹ = 0.8365 → 3 officials.
/// B: no counter applicants, 0.3 h of back-office work an hour → ⌈0.3 / 0.8⌉ = 1.
/// C: nothing at all → 0, but its counter is staffed anyway: 1 official.
/// D: 3 applicants an hour of 10 minutes (a = 0.5). c = 1: 1 − 0.5·e^(−0.5) = 0.697 (no); c = 2: B(2) = 1/13,
///    C = (2/13)/(2 − 0.5·12/13) = 0.1, 1 − 0.1·e^(−1.5) = 0.978 → 2.
/// </summary>
public sealed class HandoverModelTests
{
    public const int A = 1, B = 2, C = 3, D = 4;

    public static HandoverInputs Center(params (int Id, double PerHour, double Minutes, double Back)[] departments) => new(
        new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 15), [new HourSlot(DayOfWeek.Monday, 8, 1)],
        departments.Select(d => new DepartmentDemand(d.Id, $"D{d.Id}", $"Sở {d.Id}", false, d.Minutes, 15,
            [d.PerHour], [d.Back], d.PerHour, d.PerHour, 100, 90)).ToList(),
        [new SlotHistory(4, 3, 10)], 4, 0, 0);

    private static readonly HandoverInputs Four = Center((A, 12, 10, 0), (B, 0, 10, 0.3), (C, 0, 10, 0), (D, 3, 10, 0));
    private static readonly HandoverOptions Options = HandoverOptions.Default;

    [Fact]
    public void Staff_needed_is_the_queue_or_the_work_whichever_is_more()
    {
        Assert.Equal(3, HandoverModel.StaffNeeded(12, 2, 0, Options));
        Assert.Equal(1, HandoverModel.StaffNeeded(0, 0, 0.3, Options));
        Assert.Equal(0, HandoverModel.StaffNeeded(0, 0, 0, Options));
        Assert.Equal(2, HandoverModel.StaffNeeded(3, 0.5, 0, Options));
        // The work decides: a = 0.5 and 1.3 h of back office → ⌈1.8 / 0.8⌉ = 3 although the queue alone needs 2.
        Assert.Equal(3, HandoverModel.StaffNeeded(3, 0.5, 1.3, Options));
    }

    [Fact]
    public void Official_hours_are_what_each_department_needs_alone_and_never_below_the_minimum()
    {
        Assert.Equal([3.0, 1, 1, 2], Four.Departments.Select(d => HandoverModel.OfficialHours(Four, d, Options)));
    }

    /// <summary>
    /// A + B pooled: λ = 12, a = 2, b = 0.3 → queue 3, work ⌈2.3/0.8⌉ = 3. With 3 staff: Wq = (4/9)·10/(3 − 2) = 4.444 min,
    /// 3 staff-hours, 3 + 1 = 4 official hours freed. With 2 staff the queue never clears: all applicants at risk.
    /// </summary>
    [Fact]
    public void A_plan_gives_its_staff_wait_freed_hours_and_risk()
    {
        var plan = HandoverModel.Evaluate(Four, new HashSet<int> { A, B }, 3, Options);
        Assert.Equal(3, plan.PeakStaff);
        Assert.Equal(3, plan.StaffHoursPerWeek, 9);
        Assert.Equal(40.0 / 9, plan.MeanWaitMinutes, 9);
        Assert.Equal(1 - 4.0 / 9 * Math.Exp(-1), plan.Slots[0].ServiceLevel, 9);
        Assert.Equal(4, plan.CounterHoursFreed, 9);
        Assert.True(plan.Feasible);
        Assert.Equal(0, plan.ShortCustomerShare);
        Assert.Equal(0.9, plan.OnTimeRate!.Value, 9);

        var thin = HandoverModel.Evaluate(Four, new HashSet<int> { A, B }, 2, Options);
        Assert.False(thin.Feasible);
        Assert.Equal(1, thin.ShortCustomerShare);
        Assert.True(double.IsPositiveInfinity(thin.MeanWaitMinutes));
    }

    /// <summary>
    /// 1 person: A and D need more → {B, C} (2 hours). 2 people: A + anything is unstable, D + B + C: a = 0.5, b = 0.3 →
    /// queue 2, work 1 → fits, 4 hours. 3 people: A + B + C (queue 3, work ⌈2.3/0.8⌉ = 3) frees 5 hours, while A + D
    /// (a = 2.5: C = 0.702, P(W ≤ 10) = 1 − 0.702·e^(−0.5) = 0.574) misses the level, so D makes way for A.
    /// </summary>
    [Theory]
    [InlineData(1, new[] { B, C }, 2)]
    [InlineData(2, new[] { B, C, D }, 4)]
    [InlineData(3, new[] { A, B, C }, 5)]
    public void The_suggester_frees_the_most_hours_the_staff_can_carry(int staff, int[] expected, double freed)
    {
        var s = HandoverSuggester.Suggest(Four, staff, Options);
        Assert.True(s.Exact);
        Assert.Equal(expected, s.Plan.Departments.Order());
        Assert.Equal(freed, s.Plan.CounterHoursFreed, 9);
        Assert.True(s.Plan.Feasible);
    }

    /// <summary>The exact search agrees with checking every one of the 2⁴ sets by <see cref="HandoverModel.Evaluate"/>.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void The_suggestion_is_the_best_of_all_sets(int staff)
    {
        var best = Enumerable.Range(0, 16)
            .Select(mask => Four.Departments.Where((_, i) => (mask & (1 << i)) != 0).Select(d => d.DepartmentId).ToHashSet())
            .Select(set => HandoverModel.Evaluate(Four, set, staff, Options)).Where(p => p.Feasible)
            .Max(p => p.CounterHoursFreed);
        Assert.Equal(best, HandoverSuggester.Suggest(Four, staff, Options).Plan.CounterHoursFreed, 9);
    }
}
