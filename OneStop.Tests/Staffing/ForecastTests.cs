using OneStop.Domain.Calendar;
using OneStop.Domain.Staffing.Balancing;
using OneStop.Domain.Staffing.Planning;

namespace OneStop.Tests.Staffing;

/// <summary>Forecast, staff needed and handling times on made-up data whose answers were worked out by hand.</summary>
public sealed class ForecastTests
{
    private static bool Weekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    private static DateOnly FarTet(int year) => new(year, 7, 1); // keeps Tết out of the way

    /// <summary>
    /// 52 weeks from Monday 17/11/2025, weekdays only: Mondays 20 dossiers, other days 10; the week of 15/12/2025
    /// (year end) twice that. Total 52 × 60 + 60 = 3180 over 260 days: m = 159/13. Mondays average 1060/52, so
    /// w(Mon) = 5/3, the others 5/6. A week whose reference window holds only ordinary days: actual 60, predicted 5m,
    /// s = (60 + 10) / (5m + 10) = 182/185 and the week is 5m × s = 55650/925. The week of 7/12/2026: its Friday's
    /// window (9 to 15/12/2025) holds the year-end Monday: 159/925 × (5/3·70 + 3·5/6·70 + 5/6·90) = 174900/2775.
    /// The week of 14/12/2026 lines up with last year's year end: windows of 110, 120, 120, 120, 100 dossiers give
    /// 159/925 × (5/3·120 + 3·5/6·130 + 5/6·110) = 106.
    /// </summary>
    [Fact]
    public void Weekly_forecast_follows_the_weekday_pattern_and_last_years_year_end()
    {
        var start = new DateOnly(2025, 11, 17);
        var end = start.AddDays(364);
        var daily = new Dictionary<DateOnly, int>();
        for (var d = start; d < end; d = d.AddDays(1))
        {
            if (!Weekday(d)) continue;
            var n = d.DayOfWeek == DayOfWeek.Monday ? 20 : 10;
            daily[d] = d >= new DateOnly(2025, 12, 15) && d <= new DateOnly(2025, 12, 19) ? 2 * n : n;
        }

        var f = VolumeForecast.Forecast(daily, start, end, new DateOnly(2026, 11, 23), 4, Weekday, FarTet);

        Assert.Equal(159.0 / 13, f.MeanPerWorkingDay, 9);
        Assert.Equal(5.0 / 3, f.WeekdayFactors[DayOfWeek.Monday], 9);
        Assert.Equal(5.0 / 6, f.WeekdayFactors[DayOfWeek.Tuesday], 9);
        Assert.Equal(5.0 / 6, f.WeekdayFactors[DayOfWeek.Friday], 9);
        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 14)],
            f.Weeks.Select(w => w.WeekStart));
        Assert.Equal(55650.0 / 925, f.Weeks[0].Dossiers, 9);
        Assert.Equal(55650.0 / 925, f.Weeks[1].Dossiers, 9);
        Assert.Equal(174900.0 / 2775, f.Weeks[2].Dossiers, 9);
        Assert.Equal(106.0, f.Weeks[3].Dossiers, 9);
        Assert.All(f.Weeks, w => Assert.Equal(5, w.WorkingDays));
    }

    /// <summary>
    /// Last year's Tết (fake: Wednesday 5/3/2025) was followed by two weeks at half volume (5 a day instead of 10).
    /// This year's Tết is Tuesday 17/2/2026. Thursday 26/2/2026 is 9 days after it; its reference is 14/3/2025, in the
    /// dip: (25 + 10) / (50 + 10) of an ordinary Thursday. Compared by date alone (26/2/2025) it would be ordinary.
    /// </summary>
    [Fact]
    public void The_dip_after_Tet_lines_up_with_Tet_not_with_the_date()
    {
        DateOnly Tet(int year) => year == 2025 ? new DateOnly(2025, 3, 5) : year == 2026 ? new DateOnly(2026, 2, 17) : new DateOnly(year, 7, 1);
        bool Working(DateOnly d) => Weekday(d) && !new[] { 2025, 2026 }.Any(y => d >= Tet(y).AddDays(-1) && d <= Tet(y).AddDays(3));
        var start = new DateOnly(2025, 2, 17);
        var end = start.AddDays(364);
        var daily = new Dictionary<DateOnly, int>();
        for (var d = start; d < end; d = d.AddDays(1))
            if (Working(d)) daily[d] = d >= Tet(2025).AddDays(4) && d <= Tet(2025).AddDays(17) ? 5 : 10;

        var inDip = new DateOnly(2026, 2, 26);
        Assert.Equal(new DateOnly(2025, 3, 14), VolumeForecast.ReferenceOf(inDip, Tet));
        var ordinaryThursday = new DateOnly(2026, 6, 4);
        var dip = VolumeForecast.ExpectedOn(inDip, daily, start, end, Working, Tet);
        var ordinary = VolumeForecast.ExpectedOn(ordinaryThursday, daily, start, end, Working, Tet);
        Assert.Equal(35.0 / 60, dip / ordinary, 9);
        Assert.Equal(0, VolumeForecast.ExpectedOn(new DateOnly(2026, 2, 18), daily, start, end, Working, Tet)); // a Tết holiday
    }

    /// <summary>
    /// 300 dossiers in a 5-day week at 33 minutes each: 165 h; one person gives 5 × 7.5 h × 0.8 = 30 h: 5.5 people, so 6.
    /// A 3-day week (Tết) with 120 dossiers at 30 minutes: 60 h over 18 h each: 3.33, so 4.
    /// </summary>
    [Fact]
    public void Staff_needed_is_work_over_productive_hours_rounded_up()
    {
        var fte = StaffNeed.FullTimeEquivalent(300, 33, 5, 7.5);
        Assert.Equal(5.5, fte, 9);
        Assert.Equal(6, StaffNeed.People(fte));
        var tet = StaffNeed.FullTimeEquivalent(120, 30, 3, 7.5);
        Assert.Equal(10.0 / 3, tet, 9);
        Assert.Equal(4, StaffNeed.People(tet));
        Assert.Equal(2, StaffNeed.People(2.0));
    }

    /// <summary>
    /// Person 1 covers department 1; person 2 covers 1 and 2; nobody covers 3. Daily hours: 6, 3, 1.5. Person 1:
    /// 6/2 + 1.5/2 = 3.75 h; person 2: 3 + 3 + 0.75 = 6.75 h; over 7.5 × 0.8 = 6 h: 0.625 and 1.125. Without person 2
    /// (the what-if), person 1 carries everything: 10.5 / 6 = 1.75.
    /// </summary>
    [Fact]
    public void Projected_loads_share_each_department_among_its_coverers()
    {
        var covers = new Dictionary<int, IReadOnlySet<int>> { [1] = new HashSet<int> { 1 }, [2] = new HashSet<int> { 1, 2 } };
        var work = new[] { new DepartmentWork(1, 6), new DepartmentWork(2, 3), new DepartmentWork(3, 1.5) };
        var loads = StaffNeed.ProjectedLoads([1, 2], covers, work, 7.5);
        Assert.Equal(0.625, loads[1], 9);
        Assert.Equal(1.125, loads[2], 9);
        Assert.Equal(1.75, StaffNeed.ProjectedLoads([1], covers, work, 7.5)[1], 9);
    }

    /// <summary>
    /// One person on Wednesday 18/11/2026 (Vietnam): intakes at 08:00, 08:10, 08:20, 08:30, 08:40, 08:50 give five
    /// 10-minute samples; hand-overs at 09:00 (10), 09:20 (20), 09:30 (10), 09:50 (20), 10:00 (10) average 14; a
    /// return at 14:00 follows a 3.5-hour gap (lunch excluded): no sample, so the default applies. A second person's
    /// hand-overs a day apart give no sample either.
    /// </summary>
    [Fact]
    public void Handling_time_is_the_gap_since_the_same_persons_previous_action_when_short()
    {
        DateTime At(int day, int h, int m) => new DateTime(2026, 11, day, h, m, 0, DateTimeKind.Utc).AddHours(-7);
        var actions = new List<PostalAction>();
        foreach (var m in new[] { 0, 10, 20, 30, 40, 50 }) actions.Add(new(1, PostalStep.Intake, At(18, 8, m)));
        foreach (var (h, m) in new[] { (9, 0), (9, 20), (9, 30), (9, 50), (10, 0) }) actions.Add(new(1, PostalStep.HandOver, At(18, h, m)));
        actions.Add(new(1, PostalStep.Return, At(18, 14, 0)));
        actions.Add(new(2, PostalStep.HandOver, At(17, 16, 50)));
        actions.Add(new(2, PostalStep.HandOver, At(18, 7, 35)));

        var times = HandlingTimes.Measure(actions, new WorkingCalendar());

        Assert.Equal(new StepTime(PostalStep.Intake, 10, 5), times[(1, PostalStep.Intake)]);
        Assert.Equal(14, times[(1, PostalStep.HandOver)].Minutes, 9);
        Assert.Equal(5, times[(1, PostalStep.HandOver)].Samples);
        Assert.False(times.ContainsKey((1, PostalStep.Return)));
        Assert.Equal(new StepTime(PostalStep.Return, HandlingTimes.DefaultMinutes[PostalStep.Return], 0), times[(null, PostalStep.Return)]);
        Assert.False(times.ContainsKey((2, PostalStep.HandOver)));
        Assert.Equal(14, times[(null, PostalStep.HandOver)].Minutes, 9);
    }
}
