using OneStop.Domain.Calendar;
using static OneStop.Tests.Domain.Calendar.WorkingTimeTests;

namespace OneStop.Tests.Domain.Calendar;

/// <summary>
/// Property-style checks over seeded random instants (2019-2030, so Tết, compensatory days and a leap year are
/// crossed): the fast arithmetic agrees with a minute-by-minute count, and adding then measuring gives back the amount.
/// </summary>
public class WorkingTimePropertyTests
{
    private static readonly CalendarOverride[] Overrides =
    [
        new(new DateOnly(2025, 4, 26), true, "Làm bù cho ngày 02/5"),
        new(new DateOnly(2025, 5, 2), false, "Nghỉ hoán đổi"),
    ];
    private readonly WorkingCalendar _calendar = new(overrides: Overrides);

    private static readonly DateTime RangeStart = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime RangeEnd = new(2030, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime RandomMinute(Random random)
    {
        long minutes = (RangeEnd - RangeStart).Ticks / TimeSpan.TicksPerMinute;
        return RangeStart.AddMinutes(random.NextInt64(minutes));
    }

    /// <summary>Is the minute starting at <paramref name="utc"/> office time? Uses only the day flags and the default hours.</summary>
    private bool WorkingMinute(DateTime utc)
    {
        var local = WorkingCalendar.ToLocal(utc);
        if (!_calendar.IsWorkingDay(DateOnly.FromDateTime(local))) return false;
        var t = TimeOnly.FromDateTime(local);
        return (t >= new TimeOnly(7, 30) && t < new TimeOnly(11, 30)) || (t >= new TimeOnly(13, 30) && t < new TimeOnly(17, 0));
    }

    [Fact]
    public void Working_time_between_matches_a_minute_by_minute_count()
    {
        var random = new Random(20251121);
        for (int n = 0; n < 300; n++)
        {
            var from = RandomMinute(random);
            var to = from.AddMinutes(random.Next(0, 20 * 24 * 60));
            int minutes = 0;
            for (var t = from; t < to; t = t.AddMinutes(1)) if (WorkingMinute(t)) minutes++;
            Assert.Equal(TimeSpan.FromMinutes(minutes), _calendar.WorkingTimeBetween(from, to));
            Assert.Equal(TimeSpan.FromMinutes(-minutes), _calendar.WorkingTimeBetween(to, from));
        }
    }

    [Fact]
    public void Add_working_time_matches_a_minute_by_minute_walk()
    {
        var random = new Random(7);
        for (int n = 0; n < 300; n++)
        {
            var start = RandomMinute(random);
            int amount = random.Next(1, 3 * 450 + 1); // up to three working days, in minutes
            var t = start;
            for (int left = amount; left > 0; t = t.AddMinutes(1)) if (WorkingMinute(t)) left--;
            Assert.Equal(t, _calendar.AddWorkingTime(start, TimeSpan.FromMinutes(amount)));
        }
    }

    [Fact]
    public void Working_time_between_is_the_inverse_of_add_working_time()
    {
        var random = new Random(42);
        long span = (RangeEnd - RangeStart).Ticks;
        for (int n = 0; n < 20_000; n++)
        {
            var start = RangeStart.AddTicks(random.NextInt64(span));
            // Amounts from a tick to 200 working days, either sign.
            long ticks = random.Next(4) switch
            {
                0 => random.NextInt64(1, TimeSpan.TicksPerHour),
                1 => random.NextInt64(1, 8 * TimeSpan.TicksPerHour),
                2 => random.NextInt64(1, 10 * 27_000 * TimeSpan.TicksPerSecond),
                _ => random.NextInt64(1, 200 * 27_000 * TimeSpan.TicksPerSecond),
            };
            if (random.Next(3) == 0) ticks = -ticks;
            var amount = TimeSpan.FromTicks(ticks);
            var end = _calendar.AddWorkingTime(start, amount);
            Assert.Equal(amount, _calendar.WorkingTimeBetween(start, end));
            if (ticks > 0)
            {
                Assert.True(end > start);
                Assert.True(_calendar.IsOfficeHours(end.AddTicks(-1)), $"{start:o} + {amount}: {end:o} is not the end of office time");
            }
            else
            {
                Assert.True(end < start);
                Assert.True(_calendar.IsOfficeHours(end), $"{start:o} {amount}: {end:o} is not inside office hours");
            }
        }
    }

    [Fact]
    public void Adding_the_time_between_lands_back_on_an_instant_inside_office_hours()
    {
        var random = new Random(99);
        long span = (RangeEnd - RangeStart).Ticks;
        int checkedCount = 0;
        for (int n = 0; n < 20_000; n++)
        {
            var from = RangeStart.AddTicks(random.NextInt64(span));
            var to = from.AddTicks(random.NextInt64(60 * TimeSpan.TicksPerDay));
            if (!_calendar.IsOfficeHours(to) || !_calendar.IsOfficeHours(to.AddTicks(-1))) continue;
            var between = _calendar.WorkingTimeBetween(from, to);
            if (between <= TimeSpan.Zero) continue;
            Assert.Equal(to, _calendar.AddWorkingTime(from, between));
            Assert.Equal(from <= to && _calendar.IsOfficeHours(from) ? from : _calendar.NextOpening(from), _calendar.AddWorkingTime(to, -between));
            checkedCount++;
        }
        Assert.True(checkedCount > 1000);
    }

    [Fact]
    public void Going_backwards()
    {
        var calendar = new WorkingCalendar();
        // Thursday 10:00 - 3 days = Monday 10:00; Monday 07:30 - 1 h = Friday 16:00.
        Assert.Equal(L(2025, 3, 3, 10), calendar.AddWorkingDays(L(2025, 3, 6, 10), -3));
        Assert.Equal(L(2025, 3, 7, 16), calendar.AddWorkingHours(L(2025, 3, 10, 7, 30), -1));
        // Thursday 10:00 - 2.5 h lands on Wednesday 17:00 = Thursday 07:30: the latest instant, the opening.
        Assert.Equal(L(2025, 3, 6, 7, 30), calendar.AddWorkingHours(L(2025, 3, 6, 10), -2.5));
        // Tuesday 14:30 - 1 h: 13:30 is the latest instant, not 11:30.
        Assert.Equal(L(2025, 3, 4, 13, 30), calendar.AddWorkingHours(L(2025, 3, 4, 14, 30), -1));
    }

    [Fact]
    public void Other_office_hours_and_one_session()
    {
        // A single 08:00-16:00 session: 8-hour days.
        var calendar = new WorkingCalendar(new OfficeHours(new[] { (new TimeOnly(8, 0), new TimeOnly(16, 0)) }));
        Assert.Equal(TimeSpan.FromHours(8), calendar.DayLength);
        Assert.Equal(L(2025, 3, 6, 10), calendar.AddWorkingDays(L(2025, 3, 3, 10), 3));
        Assert.Equal(L(2025, 3, 4, 9), calendar.AddWorkingHours(L(2025, 3, 3, 17), 1));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(new OfficeHours(new[] { (new TimeOnly(8, 0), new TimeOnly(12, 0)), (new TimeOnly(11, 0), new TimeOnly(16, 0)) })));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(new OfficeHours(Array.Empty<(TimeOnly, TimeOnly)>())));
    }

    [Fact]
    public void Concurrent_first_use_gives_the_same_answers()
    {
        var shared = new WorkingCalendar(overrides: Overrides);
        var starts = Enumerable.Range(0, 2000).Select(i => RangeStart.AddHours(i * 47.3)).ToArray();
        var expected = starts.Select(s => _calendar.AddWorkingDays(s, 20)).ToArray();
        var actual = new DateTime[starts.Length];
        Parallel.For(0, starts.Length, i => actual[i] = shared.AddWorkingDays(starts[i], 20));
        Assert.Equal(expected, actual);
    }
}
