using System.Globalization;
using OneStop.Domain.Calendar;

namespace OneStop.Tests.Domain.Calendar;

public class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(2019, "2019-02-05")]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2021, "2021-02-12")]
    [InlineData(2022, "2022-02-01")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    public void Tet_falls_on_the_known_gregorian_date(int lunarYear, string expected)
    {
        var tet = DateOnly.Parse(expected, CultureInfo.InvariantCulture);
        Assert.Equal(tet, VietnameseLunarCalendar.ToSolar(lunarYear, 1, 1));
        Assert.Equal(tet, VietnameseLunarCalendar.NewYear(lunarYear));
        Assert.Equal((lunarYear, 1, 1, false), VietnameseLunarCalendar.FromSolar(tet));
        // The day before is the last day of the previous lunar year's twelfth month.
        var eve = VietnameseLunarCalendar.FromSolar(tet.AddDays(-1));
        Assert.Equal((lunarYear - 1, 12, false), (eve.Year, eve.Month, eve.IsLeap));
        Assert.True(eve.Day is 29 or 30);
    }

    [Theory]
    [InlineData(2021, "2021-04-21")]
    [InlineData(2022, "2022-04-10")]
    [InlineData(2023, "2023-04-29")]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Hung_Kings_day_is_the_tenth_of_the_third_lunar_month(int year, string expected)
    {
        var date = DateOnly.Parse(expected, CultureInfo.InvariantCulture);
        Assert.Equal(date, VietnameseLunarCalendar.ToSolar(year, 3, 10));
        Assert.Equal((year, 3, 10, false), VietnameseLunarCalendar.FromSolar(date));
    }

    [Fact]
    public void Tet_1985_is_a_month_earlier_in_Vietnam_than_in_China()
    {
        Assert.Equal(new DateOnly(1985, 1, 21), VietnameseLunarCalendar.NewYear(1985));
        var chinese = new ChineseLunisolarCalendar().ToDateTime(1985, 1, 1, 0, 0, 0, 0);
        Assert.Equal(new DateTime(1985, 2, 20), chinese);
    }

    [Fact]
    public void Tet_2007_is_a_day_earlier_in_Vietnam_than_in_China()
    {
        Assert.Equal(new DateOnly(2007, 2, 17), VietnameseLunarCalendar.NewYear(2007));
        var chinese = new ChineseLunisolarCalendar().ToDateTime(2007, 1, 1, 0, 0, 0, 0);
        Assert.Equal(new DateTime(2007, 2, 18), chinese);
    }

    [Fact]
    public void Leap_months_are_found_and_addressable()
    {
        // 2020 had a leap 4th month (nhuận tháng Tư) from 23 May 2020; 2023 a leap 2nd month from 22 March 2023.
        Assert.Equal(4, VietnameseLunarCalendar.LeapMonth(2020));
        Assert.Equal(new DateOnly(2020, 5, 23), VietnameseLunarCalendar.ToSolar(2020, 4, 1, leapMonth: true));
        Assert.Equal((2020, 4, 1, true), VietnameseLunarCalendar.FromSolar(new DateOnly(2020, 5, 23)));
        Assert.Equal(2, VietnameseLunarCalendar.LeapMonth(2023));
        Assert.Equal(new DateOnly(2023, 3, 22), VietnameseLunarCalendar.ToSolar(2023, 2, 1, leapMonth: true));
        Assert.Equal(0, VietnameseLunarCalendar.LeapMonth(2024));
        Assert.Throws<ArgumentException>(() => VietnameseLunarCalendar.ToSolar(2024, 4, 1, leapMonth: true));
    }

    [Fact]
    public void Round_trip_every_day_of_three_decades()
    {
        // Every date maps to a lunar date that maps back to it, and lunar days advance one by one.
        var previous = VietnameseLunarCalendar.FromSolar(new DateOnly(1999, 12, 31));
        for (var d = new DateOnly(2000, 1, 1); d < new DateOnly(2030, 1, 1); d = d.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.FromSolar(d);
            Assert.Equal(d, VietnameseLunarCalendar.ToSolar(lunar.Year, lunar.Month, lunar.Day, lunar.IsLeap));
            if (lunar.Day == 1) Assert.True(previous.Day is 29 or 30, $"{d}: month before had {previous.Day} days");
            else Assert.Equal(previous.Day + 1, lunar.Day);
            previous = lunar;
        }
    }

    [Fact]
    public void Day_thirty_of_a_short_month_is_rejected()
    {
        // Lunar 12/2022 (Quý Mão eve on 21 January 2023) had 30 days; month 1/2023 had 29 (22 Jan - 19 Feb).
        Assert.Equal(29, VietnameseLunarCalendar.DaysInMonth(2023, 1));
        Assert.Equal(new DateOnly(2023, 1, 21), VietnameseLunarCalendar.ToSolar(2022, 12, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(2023, 1, 30));
    }
}
