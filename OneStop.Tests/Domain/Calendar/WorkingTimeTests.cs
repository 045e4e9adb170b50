using OneStop.Domain.Calendar;

namespace OneStop.Tests.Domain.Calendar;

/// <summary>Office hours, weekends and intake outside hours (March 2025 has no holiday: 3 March is a Monday).</summary>
public class WorkingTimeTests
{
    private readonly WorkingCalendar _calendar = new();

    /// <summary>A local (UTC+7) wall-clock time as the UTC instant the calendar takes.</summary>
    internal static DateTime L(int y, int mo, int d, int h, int mi = 0) => WorkingCalendar.ToUtc(new DateTime(y, mo, d, h, mi, 0));

    [Fact]
    public void Monday_10_00_plus_three_working_days_is_Thursday_10_00()
    {
        var due = _calendar.AddWorkingDays(L(2025, 3, 3, 10), 3);
        Assert.Equal(L(2025, 3, 6, 10), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
        Assert.Equal(new DateTime(2025, 3, 6, 3, 0, 0, DateTimeKind.Utc), due);
    }

    [Fact]
    public void Weekend_is_skipped()
    {
        // Thursday 15:00 + 3 days: Fri, (Sat, Sun skipped), Mon, Tue 15:00.
        Assert.Equal(L(2025, 3, 11, 15), _calendar.AddWorkingDays(L(2025, 3, 6, 15), 3));
        Assert.Equal(DayKind.Weekend, _calendar.Describe(new DateOnly(2025, 3, 8)).Kind);
        Assert.Equal("Thứ Bảy", _calendar.Describe(new DateOnly(2025, 3, 8)).Name);
        Assert.Equal("Chủ nhật", _calendar.Describe(new DateOnly(2025, 3, 9)).Name);
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2025, 3, 9)));
        var monday = _calendar.Describe(new DateOnly(2025, 3, 10));
        Assert.Equal(new CalendarDay(new DateOnly(2025, 3, 10), true, DayKind.Working, "Ngày làm việc"), monday);
    }

    [Fact]
    public void Received_Friday_evening_with_one_day_is_due_Monday_17_00()
    {
        Assert.Equal(L(2025, 3, 10, 17), _calendar.AddWorkingDays(L(2025, 3, 7, 18), 1));
        // Received on Saturday: the same.
        Assert.Equal(L(2025, 3, 10, 17), _calendar.AddWorkingDays(L(2025, 3, 8, 9), 1));
    }

    [Fact]
    public void Received_before_opening_counts_from_07_30()
    {
        Assert.Equal(L(2025, 3, 4, 8, 30), _calendar.AddWorkingHours(L(2025, 3, 4, 6), 1));
        // Local 06:00 on Tuesday is 23:00 UTC on Monday: the local day is what counts.
        Assert.Equal(new DateTime(2025, 3, 3, 23, 0, 0, DateTimeKind.Utc), L(2025, 3, 4, 6));
    }

    [Fact]
    public void Received_during_lunch_counts_from_13_30()
    {
        Assert.Equal(L(2025, 3, 3, 15, 30), _calendar.AddWorkingHours(L(2025, 3, 3, 12), 2));
    }

    [Fact]
    public void Morning_work_carries_over_lunch()
    {
        // 10:30 + 2 h: one hour until 11:30, one hour from 13:30.
        Assert.Equal(L(2025, 3, 3, 14, 30), _calendar.AddWorkingHours(L(2025, 3, 3, 10, 30), 2));
    }

    [Fact]
    public void Running_out_at_a_session_end_returns_that_end()
    {
        Assert.Equal(L(2025, 3, 3, 17), _calendar.AddWorkingHours(L(2025, 3, 3, 13, 30), 3.5));
        Assert.Equal(L(2025, 3, 3, 11, 30), _calendar.AddWorkingHours(L(2025, 3, 3, 7, 30), 4));
        // A full day from the opening ends at the closing of the same day.
        Assert.Equal(L(2025, 3, 3, 17), _calendar.AddWorkingDays(L(2025, 3, 3, 7, 30), 1));
        // Friday 17:00 + 7.5 h is Monday 17:00.
        Assert.Equal(L(2025, 3, 10, 17), _calendar.AddWorkingDays(L(2025, 3, 7, 17), 1));
    }

    [Fact]
    public void Adding_zero_keeps_an_instant_inside_office_hours_and_otherwise_moves_to_the_next_opening()
    {
        Assert.Equal(L(2025, 3, 4, 10), _calendar.AddWorkingTime(L(2025, 3, 4, 10), TimeSpan.Zero));
        Assert.Equal(L(2025, 3, 5, 7, 30), _calendar.AddWorkingTime(L(2025, 3, 4, 17), TimeSpan.Zero));
        Assert.Equal(L(2025, 3, 4, 13, 30), _calendar.AddWorkingTime(L(2025, 3, 4, 11, 30), TimeSpan.Zero));
    }

    [Fact]
    public void Next_opening()
    {
        Assert.Equal(L(2025, 3, 4, 9), _calendar.NextOpening(L(2025, 3, 4, 9)));
        Assert.Equal(L(2025, 3, 4, 7, 30), _calendar.NextOpening(L(2025, 3, 4, 7, 30)));
        Assert.Equal(L(2025, 3, 4, 7, 30), _calendar.NextOpening(L(2025, 3, 4, 0)));
        Assert.Equal(L(2025, 3, 4, 13, 30), _calendar.NextOpening(L(2025, 3, 4, 11, 30)));
        Assert.Equal(L(2025, 3, 10, 7, 30), _calendar.NextOpening(L(2025, 3, 7, 17)));
        Assert.Equal(L(2025, 3, 10, 7, 30), _calendar.NextOpening(L(2025, 3, 9, 12)));
        Assert.True(_calendar.IsOfficeHours(L(2025, 3, 4, 7, 30)));
        Assert.False(_calendar.IsOfficeHours(L(2025, 3, 4, 17)));
        Assert.False(_calendar.IsOfficeHours(L(2025, 3, 8, 9)));
    }

    [Fact]
    public void Working_time_between_counts_only_office_hours_and_is_signed()
    {
        // Friday 16:00 to Monday 08:30: 1 h + 1 h.
        Assert.Equal(TimeSpan.FromHours(2), _calendar.WorkingTimeBetween(L(2025, 3, 7, 16), L(2025, 3, 10, 8, 30)));
        Assert.Equal(TimeSpan.FromHours(-2), _calendar.WorkingTimeBetween(L(2025, 3, 10, 8, 30), L(2025, 3, 7, 16)));
        // Same day across lunch: 11:00-14:00 is 0.5 h + 0.5 h.
        Assert.Equal(TimeSpan.FromHours(1), _calendar.WorkingTimeBetween(L(2025, 3, 4, 11), L(2025, 3, 4, 14)));
        // A whole week, Monday 07:30 to next Monday 07:30: five days.
        Assert.Equal(TimeSpan.FromHours(37.5), _calendar.WorkingTimeBetween(L(2025, 3, 3, 7, 30), L(2025, 3, 10, 7, 30)));
        // Saturday to Sunday: nothing.
        Assert.Equal(TimeSpan.Zero, _calendar.WorkingTimeBetween(L(2025, 3, 8, 8), L(2025, 3, 9, 16)));
    }

    [Fact]
    public void Unspecified_kind_is_read_as_utc()
    {
        var unspecified = new DateTime(2025, 3, 3, 3, 0, 0, DateTimeKind.Unspecified); // 10:00 local
        Assert.Equal(L(2025, 3, 6, 10), _calendar.AddWorkingDays(unspecified, 3));
    }
}
