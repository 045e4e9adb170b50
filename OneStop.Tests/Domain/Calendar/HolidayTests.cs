using OneStop.Domain.Calendar;
using static OneStop.Tests.Domain.Calendar.WorkingTimeTests;

namespace OneStop.Tests.Domain.Calendar;

/// <summary>Statutory holidays, compensatory days and per-year overrides. Dates worked out by hand from the rules.</summary>
public class HolidayTests
{
    private readonly WorkingCalendar _calendar = new();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2024, 2, 9)]   // eve (30 tháng Chạp), Friday
    [InlineData(2024, 2, 10)]  // 1/1, Saturday
    [InlineData(2024, 2, 13)]  // 1/4, Tuesday
    [InlineData(2025, 1, 28)]
    [InlineData(2025, 1, 29)]
    [InlineData(2025, 2, 1)]
    [InlineData(2026, 2, 16)]
    [InlineData(2026, 2, 20)]
    [InlineData(2023, 1, 21)]
    public void Tet_days_are_holidays(int y, int m, int d)
    {
        var day = _calendar.Describe(D(y, m, d));
        Assert.Equal(new CalendarDay(D(y, m, d), false, DayKind.Holiday, "Tết Nguyên đán"), day);
    }

    [Fact]
    public void Tet_is_five_days_eve_to_fourth_day()
    {
        // 2026: Tết 17 February (Tuesday): eve Monday 16 to Friday 20; the days around are worked.
        Assert.True(_calendar.IsWorkingDay(D(2026, 2, 13)));
        for (int d = 16; d <= 20; d++) Assert.Equal(DayKind.Holiday, _calendar.Describe(D(2026, 2, d)).Kind);
        Assert.Equal(DayKind.Weekend, _calendar.Describe(D(2026, 2, 21)).Kind);
        Assert.True(_calendar.IsWorkingDay(D(2026, 2, 23)));
    }

    [Theory]
    [InlineData(2021, 4, 21)]
    [InlineData(2022, 4, 10)]
    [InlineData(2023, 4, 29)]
    [InlineData(2024, 4, 18)]
    [InlineData(2025, 4, 7)]
    [InlineData(2026, 4, 26)]
    public void Hung_Kings_day_is_a_holiday(int y, int m, int d)
    {
        Assert.Equal(new CalendarDay(D(y, m, d), false, DayKind.Holiday, "Giỗ Tổ Hùng Vương"), _calendar.Describe(D(y, m, d)));
    }

    [Fact]
    public void Solar_holidays_have_their_names()
    {
        Assert.Equal("Tết Dương lịch", _calendar.Describe(D(2025, 1, 1)).Name);
        Assert.Equal("Ngày Chiến thắng", _calendar.Describe(D(2025, 4, 30)).Name);
        Assert.Equal("Ngày Quốc tế Lao động", _calendar.Describe(D(2025, 5, 1)).Name);
        Assert.Equal("Quốc khánh", _calendar.Describe(D(2025, 9, 2)).Name);
        Assert.All(new[] { D(2025, 1, 1), D(2025, 4, 30), D(2025, 5, 1), D(2025, 9, 2) },
            d => Assert.Equal(DayKind.Holiday, _calendar.Describe(d).Kind));
    }

    [Fact]
    public void National_day_adjacent_day_is_1_September_when_2_September_is_a_Tuesday_else_3_September()
    {
        // 2025: 2/9 is a Tuesday, so Monday 1/9 is off and Wednesday 3/9 is worked.
        Assert.Equal(DayKind.Holiday, _calendar.Describe(D(2025, 9, 1)).Kind);
        Assert.True(_calendar.IsWorkingDay(D(2025, 9, 3)));
        // 2026: 2/9 is a Wednesday, so Thursday 3/9 is off and Tuesday 1/9 is worked.
        Assert.True(_calendar.IsWorkingDay(D(2026, 9, 1)));
        Assert.Equal(new CalendarDay(D(2026, 9, 3), false, DayKind.Holiday, "Quốc khánh"), _calendar.Describe(D(2026, 9, 3)));
    }

    [Fact]
    public void New_Year_on_a_Sunday_gives_Monday_off()
    {
        // 1 January 2023 was a Sunday: Monday 2 January 2023 was the compensatory day.
        Assert.Equal(new CalendarDay(D(2023, 1, 1), false, DayKind.Holiday, "Tết Dương lịch"), _calendar.Describe(D(2023, 1, 1)));
        Assert.Equal(new CalendarDay(D(2023, 1, 2), false, DayKind.CompensatoryDayOff, "Nghỉ bù Tết Dương lịch"), _calendar.Describe(D(2023, 1, 2)));
        Assert.True(_calendar.IsWorkingDay(D(2023, 1, 3)));
        // Received Friday 30 December 2022 at 10:00 with one working day: due Tuesday 3 January 10:00.
        Assert.Equal(L(2023, 1, 3, 10), _calendar.AddWorkingDays(L(2022, 12, 30, 10), 1));
    }

    [Fact]
    public void National_day_on_a_Sunday_2029_gives_the_adjacent_Monday_and_a_compensatory_Tuesday()
    {
        // 2 September 2029 is a Sunday: the adjacent day is Monday 3/9; the Sunday is compensated on the next
        // free weekday, Tuesday 4/9.
        Assert.Equal(DayKind.Holiday, _calendar.Describe(D(2029, 9, 2)).Kind);
        Assert.Equal(DayKind.Holiday, _calendar.Describe(D(2029, 9, 3)).Kind);
        Assert.Equal(new CalendarDay(D(2029, 9, 4), false, DayKind.CompensatoryDayOff, "Nghỉ bù Quốc khánh"), _calendar.Describe(D(2029, 9, 4)));
        Assert.True(_calendar.IsWorkingDay(D(2029, 9, 5)));
    }

    [Fact]
    public void Two_weekend_holidays_give_two_compensatory_days_in_order()
    {
        // 30 April 2022 was a Saturday and 1 May a Sunday: Monday 2 and Tuesday 3 May 2022 off.
        Assert.Equal(new CalendarDay(D(2022, 5, 2), false, DayKind.CompensatoryDayOff, "Nghỉ bù Ngày Chiến thắng"), _calendar.Describe(D(2022, 5, 2)));
        Assert.Equal(new CalendarDay(D(2022, 5, 3), false, DayKind.CompensatoryDayOff, "Nghỉ bù Ngày Quốc tế Lao động"), _calendar.Describe(D(2022, 5, 3)));
        // 2023: Hùng Kings' day Saturday 29/4, 30/4 Sunday, 1/5 Monday (a holiday itself): compensations skip it
        // and land on Tuesday 2 and Wednesday 3 May.
        Assert.Equal("Nghỉ bù Giỗ Tổ Hùng Vương", _calendar.Describe(D(2023, 5, 2)).Name);
        Assert.Equal("Nghỉ bù Ngày Chiến thắng", _calendar.Describe(D(2023, 5, 3)).Name);
        Assert.True(_calendar.IsWorkingDay(D(2023, 5, 4)));
    }

    [Fact]
    public void Tet_weekend_days_are_compensated_after_the_last_Tet_day()
    {
        // Tết 2024: eve Friday 9/2, Saturday 10, Sunday 11, Monday 12, Tuesday 13; the weekend two are compensated
        // on Wednesday 14 and Thursday 15 February.
        Assert.Equal(DayKind.CompensatoryDayOff, _calendar.Describe(D(2024, 2, 14)).Kind);
        Assert.Equal(DayKind.CompensatoryDayOff, _calendar.Describe(D(2024, 2, 15)).Kind);
        Assert.True(_calendar.IsWorkingDay(D(2024, 2, 16)));
        Assert.True(_calendar.IsWorkingDay(D(2024, 2, 8)));
    }

    [Fact]
    public void A_holiday_on_the_date_of_another_is_compensated()
    {
        // Cannot happen with the real rules (lunar 10/3 stays before 30/4) but the engine must not lose a day.
        var holidays = new[] { new Holiday(D(2031, 4, 30), "A"), new Holiday(D(2031, 4, 30), "B"), new Holiday(D(2031, 5, 1), "C") };
        var compensations = StatutoryHolidays.CompensatoryDays(holidays);
        Assert.Equal(new[] { new Holiday(D(2031, 5, 2), "Nghỉ bù B") }, compensations);
    }

    [Fact]
    public void A_holiday_inside_the_span_is_skipped()
    {
        // Friday 4 April 2025 10:00 + 2 working days: Monday 7/4 is Hùng Kings' day, so Tuesday 8/4, Wednesday 9/4 10:00.
        Assert.Equal(L(2025, 4, 9, 10), _calendar.AddWorkingDays(L(2025, 4, 4, 10), 2));
        // Tết 2026 spans a whole week: Friday 13/2 16:00 + 1 day = 1 h Friday + 6.5 h Monday 23/2 = 16:00.
        Assert.Equal(L(2026, 2, 23, 16), _calendar.AddWorkingDays(L(2026, 2, 13, 16), 1));
        Assert.Equal(TimeSpan.FromHours(7.5), _calendar.WorkingTimeBetween(L(2026, 2, 13, 16), L(2026, 2, 23, 16)));
    }

    [Fact]
    public void Exceptions_of_2026_worked_out_by_hand()
    {
        var expected = new[]
        {
            new CalendarDay(D(2026, 1, 1), false, DayKind.Holiday, "Tết Dương lịch"),        // Thursday
            new CalendarDay(D(2026, 2, 16), false, DayKind.Holiday, "Tết Nguyên đán"),       // eve, Monday
            new CalendarDay(D(2026, 2, 17), false, DayKind.Holiday, "Tết Nguyên đán"),
            new CalendarDay(D(2026, 2, 18), false, DayKind.Holiday, "Tết Nguyên đán"),
            new CalendarDay(D(2026, 2, 19), false, DayKind.Holiday, "Tết Nguyên đán"),
            new CalendarDay(D(2026, 2, 20), false, DayKind.Holiday, "Tết Nguyên đán"),
            // Hùng Kings' day, Sunday 26/4, is not an exception (not worked anyway); its Monday is.
            new CalendarDay(D(2026, 4, 27), false, DayKind.CompensatoryDayOff, "Nghỉ bù Giỗ Tổ Hùng Vương"),
            new CalendarDay(D(2026, 4, 30), false, DayKind.Holiday, "Ngày Chiến thắng"),     // Thursday
            new CalendarDay(D(2026, 5, 1), false, DayKind.Holiday, "Ngày Quốc tế Lao động"), // Friday
            new CalendarDay(D(2026, 9, 2), false, DayKind.Holiday, "Quốc khánh"),            // Wednesday
            new CalendarDay(D(2026, 9, 3), false, DayKind.Holiday, "Quốc khánh"),            // Thursday
        };
        Assert.Equal(expected, _calendar.Exceptions(2026));
        Assert.Equal(DayKind.Holiday, _calendar.Describe(D(2026, 4, 26)).Kind);
    }

    // ---- overrides: the government's 2025 swap (work Saturday 26/4, rest Friday 2/5) ----

    private static readonly CalendarOverride[] Swap2025 =
    {
        new(D(2025, 4, 26), true, "Làm bù cho ngày 02/5"),
        new(D(2025, 5, 2), false, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)"),
    };

    [Fact]
    public void A_worked_Saturday_override_is_a_working_day()
    {
        var calendar = new WorkingCalendar(overrides: Swap2025);
        Assert.Equal(new CalendarDay(D(2025, 4, 26), true, DayKind.WorkedWeekend, "Làm bù cho ngày 02/5"), calendar.Describe(D(2025, 4, 26)));
        // Received Friday 25/4 10:00 with one day: due on the worked Saturday at 10:00 (Monday 28/4 without the swap).
        Assert.Equal(L(2025, 4, 26, 10), calendar.AddWorkingDays(L(2025, 4, 25, 10), 1));
        Assert.Equal(L(2025, 4, 28, 10), _calendar.AddWorkingDays(L(2025, 4, 25, 10), 1));
    }

    [Fact]
    public void An_extra_weekday_off_override_is_skipped()
    {
        var calendar = new WorkingCalendar(overrides: Swap2025);
        Assert.Equal(new CalendarDay(D(2025, 5, 2), false, DayKind.ExtraDayOff, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)"), calendar.Describe(D(2025, 5, 2)));
        // Tuesday 29/4 10:00 + 3 days: 30/4, 1/5 holidays, 2/5 swapped off, weekend; Monday 5/5, Tuesday 6/5, Wednesday 7/5.
        Assert.Equal(L(2025, 5, 7, 10), calendar.AddWorkingDays(L(2025, 4, 29, 10), 3));
        Assert.Equal(L(2025, 5, 6, 10), _calendar.AddWorkingDays(L(2025, 4, 29, 10), 3));
    }

    [Fact]
    public void Overrides_win_over_rules()
    {
        var calendar = new WorkingCalendar(overrides: new[]
        {
            // The government gave Monday 27/1 instead of the rule's compensatory Monday 3/2 for Tết 2025.
            new CalendarOverride(D(2025, 1, 27), false, "Nghỉ Tết Nguyên đán"),
            new CalendarOverride(D(2025, 2, 3), true, "Đi làm sau Tết"),
            // A non-working override on a rule holiday keeps the kind, with the override's name.
            new CalendarOverride(D(2025, 1, 29), false, "Mùng Một Tết"),
        });
        Assert.Equal(new CalendarDay(D(2025, 1, 27), false, DayKind.ExtraDayOff, "Nghỉ Tết Nguyên đán"), calendar.Describe(D(2025, 1, 27)));
        Assert.Equal(new CalendarDay(D(2025, 2, 3), true, DayKind.Working, "Đi làm sau Tết"), calendar.Describe(D(2025, 2, 3)));
        Assert.Equal(new CalendarDay(D(2025, 1, 29), false, DayKind.Holiday, "Mùng Một Tết"), calendar.Describe(D(2025, 1, 29)));
        Assert.Equal(DayKind.CompensatoryDayOff, _calendar.Describe(D(2025, 2, 3)).Kind);
    }

    [Fact]
    public void Exceptions_of_2025_with_the_swap_worked_out_by_hand()
    {
        var calendar = new WorkingCalendar(overrides: Swap2025);
        var expected = new[]
        {
            D(2025, 1, 1),                                                  // Tết Dương lịch, Wednesday
            D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31), // Tết, Tuesday-Friday (Saturday 1/2 too)
            D(2025, 2, 3),                                                  // compensating Saturday 1/2
            D(2025, 4, 7),                                                  // Hùng Kings' day, Monday
            D(2025, 4, 26),                                                 // worked Saturday
            D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2),                   // Wednesday-Friday
            D(2025, 9, 1), D(2025, 9, 2),                                   // Monday-Tuesday
        };
        var exceptions = calendar.Exceptions(2025);
        Assert.Equal(expected, exceptions.Select(e => e.Date));
        Assert.Equal(DayKind.CompensatoryDayOff, exceptions[5].Kind);
        Assert.Equal(DayKind.WorkedWeekend, exceptions[7].Kind);
        Assert.True(exceptions[7].Working);
        Assert.Equal(DayKind.ExtraDayOff, exceptions[10].Kind);
        // Without the swap, 26/4 and 2/5 are not exceptions.
        Assert.Equal(11, _calendar.Exceptions(2025).Count);
    }

    [Fact]
    public void Counting_across_new_year()
    {
        // Wednesday 31/12/2025 10:00 + 1 day: Thursday 1/1/2026 is a holiday, so Friday 2/1 10:00.
        Assert.Equal(L(2026, 1, 2, 10), _calendar.AddWorkingDays(L(2025, 12, 31, 10), 1));
        Assert.Equal(TimeSpan.FromHours(7.5), _calendar.WorkingTimeBetween(L(2025, 12, 31, 10), L(2026, 1, 2, 10)));
        // 2024 (leap, from a Monday): 262 weekdays - 11 weekday exceptions = 251; 2025: 261 - 11 = 250.
        Assert.Equal(501, _calendar.WorkingDaysBetween(D(2024, 1, 1), D(2026, 1, 1)));
        Assert.Equal(TimeSpan.FromHours(501 * 7.5), _calendar.WorkingTimeBetween(L(2024, 1, 1, 0), L(2026, 1, 1, 0)));
        // From Sunday 31/12/2023, 501 days start on Tuesday 2/1/2024 and end at the close of Wednesday 31/12/2025.
        Assert.Equal(L(2025, 12, 31, 17), _calendar.AddWorkingDays(L(2023, 12, 31, 12), 501));
        Assert.Equal(L(2024, 1, 2, 7, 30), _calendar.AddWorkingDays(L(2025, 12, 31, 17), -501));
    }

    [Fact]
    public void Working_days_between_dates()
    {
        // April 2025: 22 weekdays minus Hùng Kings' day (7/4) and 30/4 = 20.
        Assert.Equal(20, _calendar.WorkingDaysBetween(D(2025, 4, 1), D(2025, 5, 1)));
        Assert.Equal(-20, _calendar.WorkingDaysBetween(D(2025, 5, 1), D(2025, 4, 1)));
        // A plain year 2026: 261 weekdays minus the 11 weekday exceptions above = 250.
        Assert.Equal(250, _calendar.WorkingDaysBetween(D(2026, 1, 1), D(2027, 1, 1)));
    }
}
