namespace OneStop.Domain.Calendar;

/// <summary>A statutory public holiday on a given date.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// The default public holidays of Vietnam (Labour Code 2019, art. 112) and their compensatory days off.
/// These are the rules used when no <see cref="CalendarOverride"/> says otherwise; the government sets the
/// actual Tết and 2 September days (and any swaps) each year, which the center stores as overrides.
/// </summary>
/// <remarks>
/// Defaults:
/// <list type="bullet">
/// <item>1 January: Tết Dương lịch.</item>
/// <item>Tết Nguyên đán, 5 days: the last day of the lunar year (Tết eve) and lunar 1/1 to 1/4.</item>
/// <item>Giỗ Tổ Hùng Vương: lunar 10/3 (of the regular, not leap, third month).</item>
/// <item>30 April: Ngày Chiến thắng; 1 May: Ngày Quốc tế Lao động.</item>
/// <item>2 September: Quốc khánh, plus one adjacent day: 1 September when 2 September is a Tuesday,
/// Friday or Saturday (which matches the government's decisions for 2021-2025), otherwise 3 September. (The law leaves the choice between 1 and 3 September
/// to the Prime Minister each year; override it where the actual decision differs.)</item>
/// </list>
/// A holiday that falls on a Saturday or Sunday, or on the same date as an earlier holiday, gives a
/// compensatory day off (nghỉ bù) on the next weekday that is neither a holiday nor already a
/// compensatory day; several such holidays give several compensatory days, in holiday order.
/// Lunar holidays are computed only for years <see cref="VietnameseLunarCalendar.MinYear"/>..<see cref="VietnameseLunarCalendar.MaxYear"/>;
/// outside that span only the solar holidays apply.
/// </remarks>
public static class StatutoryHolidays
{
    public const string NewYearName = "Tết Dương lịch";
    public const string LunarNewYearName = "Tết Nguyên đán";
    public const string HungKingsName = "Giỗ Tổ Hùng Vương";
    public const string ReunificationName = "Ngày Chiến thắng";
    public const string LabourDayName = "Ngày Quốc tế Lao động";
    public const string NationalDayName = "Quốc khánh";
    public const string CompensatoryPrefix = "Nghỉ bù ";

    /// <summary>The statutory holidays of a Gregorian year, in date order (weekend ones included).</summary>
    public static IReadOnlyList<Holiday> For(int year)
    {
        var list = new List<Holiday>(11)
        {
            new(new DateOnly(year, 1, 1), NewYearName),
            new(new DateOnly(year, 4, 30), ReunificationName),
            new(new DateOnly(year, 5, 1), LabourDayName),
            new(new DateOnly(year, 9, 2), NationalDayName),
        };
        var nationalDay = new DateOnly(year, 9, 2);
        // The day before when it bridges to a weekend or sits next to one (as decided 2021-2025), else the day after.
        var dayBefore = nationalDay.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Friday or DayOfWeek.Saturday;
        list.Add(new(dayBefore ? nationalDay.AddDays(-1) : nationalDay.AddDays(1), NationalDayName));
        if (year >= VietnameseLunarCalendar.MinYear && year <= VietnameseLunarCalendar.MaxYear)
        {
            // Lunar year `year` starts in January or February of Gregorian `year` (never before 21 January),
            // so the five Tết days all fall in this Gregorian year.
            var tet = VietnameseLunarCalendar.NewYear(year);
            for (int d = -1; d <= 3; d++) list.Add(new(tet.AddDays(d), LunarNewYearName));
            list.Add(new(VietnameseLunarCalendar.ToSolar(year, 3, 10), HungKingsName));
        }
        // Stable sort: for equal dates the solar holiday (added first) stays first.
        return list.OrderBy(h => h.Date).ToArray();
    }

    /// <summary>
    /// Compensatory days off of a year: for each holiday on a weekend (or on an earlier holiday's date),
    /// the next free weekday, in holiday order. Each entry names the holiday it compensates.
    /// </summary>
    public static IReadOnlyList<Holiday> CompensatoryDays(int year) => CompensatoryDays(For(year));

    internal static IReadOnlyList<Holiday> CompensatoryDays(IReadOnlyList<Holiday> holidays)
    {
        var holidayDates = new HashSet<DateOnly>();
        var taken = new HashSet<DateOnly>();
        var result = new List<Holiday>();
        foreach (var h in holidays)
        {
            bool collides = !holidayDates.Add(h.Date);
            if (!collides && !IsWeekend(h.Date)) continue;
            var d = h.Date.AddDays(1);
            while (IsWeekend(d) || ContainsDate(holidays, d) || taken.Contains(d)) d = d.AddDays(1);
            taken.Add(d);
            result.Add(new(d, CompensatoryPrefix + h.Name));
        }
        return result;
    }

    private static bool ContainsDate(IReadOnlyList<Holiday> holidays, DateOnly date)
    {
        foreach (var h in holidays) if (h.Date == date) return true;
        return false;
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
