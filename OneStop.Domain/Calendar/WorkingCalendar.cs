namespace OneStop.Domain.Calendar;

// CONTRACT STUB: the calendar helper replaces this file with the real implementation.
// Signatures are the contract other code relies on; do not change them without telling everyone.

/// <summary>Why a date is or is not a working day.</summary>
public enum DayKind
{
    Working,
    Weekend,
    /// <summary>A statutory public holiday (Labour Code 2019, art. 112).</summary>
    Holiday,
    /// <summary>A weekday off because a holiday fell on a weekend.</summary>
    CompensatoryDayOff,
    /// <summary>A weekday off set for this year by the government (a swap or a bridge).</summary>
    ExtraDayOff,
    /// <summary>A Saturday or Sunday worked in exchange for a bridging day off.</summary>
    WorkedWeekend,
}

public sealed record CalendarDay(DateOnly Date, bool Working, DayKind Kind, string Name);

/// <summary>A per-year override stored in the database: this date is (not) worked.</summary>
public sealed record CalendarOverride(DateOnly Date, bool Working, string Name);

/// <summary>Office sessions of the center in local time (default 07:30-11:30 and 13:30-17:00).</summary>
public sealed record OfficeHours(IReadOnlyList<(TimeOnly Start, TimeOnly End)> Sessions)
{
    public static OfficeHours Default { get; } = new(new[]
    {
        (new TimeOnly(7, 30), new TimeOnly(11, 30)),
        (new TimeOnly(13, 30), new TimeOnly(17, 0)),
    });

    /// <summary>Length of one full working day (7.5 hours by default).</summary>
    public TimeSpan DayLength => TimeSpan.FromTicks(Sessions.Sum(s => (s.End - s.Start).Ticks));
}

/// <summary>
/// Working time of one center: Monday-Friday office hours in Vietnam (UTC+7), minus statutory
/// holidays and compensatory days, plus per-year overrides. All instants in and out are UTC.
/// One working day = <see cref="OfficeHours.DayLength"/> of office time, so 10:00 Monday + 3 working
/// days = 10:00 Thursday.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>Vietnam has used UTC+7 without daylight saving since 1975; a fixed zone needs no tzdata.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public WorkingCalendar(OfficeHours? hours = null, IEnumerable<CalendarOverride>? overrides = null)
    {
        Hours = hours ?? OfficeHours.Default;
    }

    public OfficeHours Hours { get; }

    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(VietnamOffset);
    public static DateTime ToUtc(DateTime local) => DateTime.SpecifyKind(local - VietnamOffset, DateTimeKind.Utc);

    public CalendarDay Describe(DateOnly date) => throw new NotImplementedException();
    public bool IsWorkingDay(DateOnly date) => Describe(date).Working;
    /// <summary>Every day of the year that differs from the plain Monday-Friday rule, in date order.</summary>
    public IReadOnlyList<CalendarDay> Exceptions(int year) => throw new NotImplementedException();

    /// <summary>The first instant at or after <paramref name="utc"/> that is inside office hours.</summary>
    public DateTime NextOpening(DateTime utc) => throw new NotImplementedException();
    /// <summary>Instant when <paramref name="amount"/> of working time has elapsed after <paramref name="startUtc"/>.</summary>
    public DateTime AddWorkingTime(DateTime startUtc, TimeSpan amount) => throw new NotImplementedException();
    public DateTime AddWorkingDays(DateTime startUtc, int days) => AddWorkingTime(startUtc, Hours.DayLength * days);
    public DateTime AddWorkingHours(DateTime startUtc, double hours) => AddWorkingTime(startUtc, TimeSpan.FromHours(hours));
    /// <summary>Working time between two instants; negative when <paramref name="toUtc"/> is earlier.</summary>
    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc) => throw new NotImplementedException();
}
