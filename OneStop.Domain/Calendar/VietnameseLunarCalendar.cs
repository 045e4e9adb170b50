namespace OneStop.Domain.Calendar;

/// <summary>
/// The Vietnamese lunar calendar (âm lịch), computed astronomically for UTC+7 with Hồ Ngọc Đức's
/// well-known algorithm (new moons and the sun's longitude after Jean Meeus, "Astronomical
/// Algorithms"). It is deliberately not <see cref="System.Globalization.ChineseLunisolarCalendar"/>,
/// which computes for UTC+8 (Beijing): the two differ in some years by a day (Tết 2007: 17 February in
/// Vietnam, 18 February in China) or by a whole month (Tết 1985: 21 January in Vietnam, 20 February in
/// China).
/// </summary>
/// <remarks>
/// Rules: a month starts on the local day of a new moon; month 11 contains the winter solstice; a
/// lunar year with 13 months (between two months 11) has a leap month, the first month after month 11
/// that contains no major solar term (trung khí), which repeats the number of the month before it.
/// Supported lunar years: <see cref="MinYear"/>..<see cref="MaxYear"/> (the algorithm's series are fitted to
/// that span). Stateless and thread-safe.
/// </remarks>
public static class VietnameseLunarCalendar
{
    public const int MinYear = 1900;
    public const int MaxYear = 2199;

    private const double TimeZone = 7.0;
    private const double SynodicMonth = 29.530588853;
    private const double Jd1900NewMoon = 2415021.076998695; // the new moon of 1900-01-01 (k = 0)
    private const int DayNumberToJulianDay = 1721426;       // DateOnly.DayNumber 0 = 0001-01-01 = JDN 1721426

    /// <summary>Gregorian date of a Vietnamese lunar date.</summary>
    /// <param name="leapMonth">true for the leap (nhuận) month that repeats <paramref name="lunarMonth"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Year out of range, month not 1..12, day beyond the month.</exception>
    /// <exception cref="ArgumentException"><paramref name="leapMonth"/> is true but that month is not leap in that year.</exception>
    public static DateOnly ToSolar(int lunarYear, int lunarMonth, int lunarDay, bool leapMonth = false)
    {
        var (start, length) = MonthStart(lunarYear, lunarMonth, leapMonth);
        if (lunarDay < 1 || lunarDay > length)
            throw new ArgumentOutOfRangeException(nameof(lunarDay), lunarDay, $"Lunar month {lunarMonth}/{lunarYear} has {length} days.");
        return FromJulianDay(start + lunarDay - 1);
    }

    /// <summary>Number of days (29 or 30) of a lunar month.</summary>
    public static int DaysInMonth(int lunarYear, int lunarMonth, bool leapMonth = false) => MonthStart(lunarYear, lunarMonth, leapMonth).Length;

    /// <summary>The leap month of a lunar year (the number it repeats), or 0 when the year has none.</summary>
    public static int LeapMonth(int lunarYear)
    {
        CheckYear(lunarYear);
        // Months 1..10 of lunar year Y lie between the months 11 of Gregorian years Y-1 and Y; its
        // months 11 and 12 lie after the month 11 of Gregorian year Y.
        int early = LeapMonthInSpan(lunarYear - 1);
        if (early is >= 1 and <= 10) return early;
        int late = LeapMonthInSpan(lunarYear);
        return late is 11 or 12 ? late : 0;
    }

    /// <summary>Leap month number between the month 11 of Gregorian year <paramref name="year"/> and the next one, or 0.</summary>
    private static int LeapMonthInSpan(int year)
    {
        int a11 = LunarMonth11(year), b11 = LunarMonth11(year + 1);
        return b11 - a11 > 365 ? LeapMonthNumber(LeapMonthOffset(a11)) : 0;
    }

    /// <summary>Offset 1 after month 11 is a leap 11, offset 2 a leap 12, offset 3 a leap 1, ...</summary>
    private static int LeapMonthNumber(int leapOffset) => (leapOffset + 9) % 12 + 1;

    /// <summary>Tết Nguyên đán: the Gregorian date of lunar 1/1 of <paramref name="lunarYear"/>.</summary>
    public static DateOnly NewYear(int lunarYear) => ToSolar(lunarYear, 1, 1);

    /// <summary>Vietnamese lunar date of a Gregorian date.</summary>
    public static (int Year, int Month, int Day, bool IsLeap) FromSolar(DateOnly date)
    {
        if (date.Year < MinYear || date.Year > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Supported Gregorian years: {MinYear}..{MaxYear}.");
        int dayNumber = ToJulianDay(date);
        int k = (int)Math.Floor((dayNumber - Jd1900NewMoon) / SynodicMonth);
        int monthStart = NewMoonDay(k + 1);
        if (monthStart > dayNumber) monthStart = NewMoonDay(k);
        int yy = date.Year;
        int a11 = LunarMonth11(yy), b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = yy;
            a11 = LunarMonth11(yy - 1);
        }
        else
        {
            lunarYear = yy + 1;
            b11 = LunarMonth11(yy + 1);
        }
        int lunarDay = dayNumber - monthStart + 1;
        int diff = (int)Math.Floor((monthStart - a11) / 29.0);
        bool leap = false;
        int lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            int leapDiff = LeapMonthOffset(a11);
            if (diff >= leapDiff)
            {
                lunarMonth = diff + 10;
                if (diff == leapDiff) leap = true;
            }
        }
        if (lunarMonth > 12) lunarMonth -= 12;
        if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
        return (lunarYear, lunarMonth, lunarDay, leap);
    }

    // ---- Hồ Ngọc Đức's algorithm, time zone fixed at +7 -------------------------------------------

    /// <summary>Julian day number of the first day of a lunar month and its length.</summary>
    private static (int Start, int Length) MonthStart(int lunarYear, int lunarMonth, bool leapMonth)
    {
        CheckYear(lunarYear);
        if (lunarMonth < 1 || lunarMonth > 12)
            throw new ArgumentOutOfRangeException(nameof(lunarMonth), lunarMonth, "Lunar months are 1..12.");
        int a11, b11;
        if (lunarMonth < 11)
        {
            a11 = LunarMonth11(lunarYear - 1);
            b11 = LunarMonth11(lunarYear);
        }
        else
        {
            a11 = LunarMonth11(lunarYear);
            b11 = LunarMonth11(lunarYear + 1);
        }
        int k = (int)Math.Floor(0.5 + (a11 - Jd1900NewMoon) / SynodicMonth);
        int off = lunarMonth - 11;
        if (off < 0) off += 12;
        bool hasLeap;
        if (b11 - a11 > 365)
        {
            int leapOff = LeapMonthOffset(a11);
            hasLeap = LeapMonthNumber(leapOff) == lunarMonth;
            if (leapMonth && !hasLeap)
                throw new ArgumentException($"Lunar year {lunarYear} has no leap month {lunarMonth}.", nameof(leapMonth));
            if (leapMonth || off >= leapOff) off += 1;
        }
        else if (leapMonth)
        {
            throw new ArgumentException($"Lunar year {lunarYear} has no leap month {lunarMonth}.", nameof(leapMonth));
        }
        int start = NewMoonDay(k + off);
        int next = NewMoonDay(k + off + 1);
        return (start, next - start);
    }

    private static void CheckYear(int lunarYear)
    {
        if (lunarYear < MinYear || lunarYear > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(lunarYear), lunarYear, $"Supported lunar years: {MinYear}..{MaxYear}.");
    }

    private static int ToJulianDay(DateOnly date) => date.DayNumber + DayNumberToJulianDay;
    private static DateOnly FromJulianDay(int jd) => DateOnly.FromDayNumber(jd - DayNumberToJulianDay);

    /// <summary>Julian day number of 31 December of a Gregorian year (proleptic Gregorian, no DateOnly range limit).</summary>
    private static int JulianDayOfDecember31(int year)
    {
        int y = year + 4800, m = 12 - 3; // the JDN formula with a = (14 - 12) / 12 = 0
        return 31 + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045;
    }

    /// <summary>Julian date (fractional, UT) of the k-th new moon after the one of 1900-01-01.</summary>
    private static double NewMoon(int k)
    {
        double T = k / 1236.85; // time in Julian centuries from 1900 January 0.5
        double T2 = T * T, T3 = T2 * T;
        const double dr = Math.PI / 180;
        double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * T - 0.009173 * T2) * dr); // mean new moon
        double M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;      // sun's mean anomaly
        double Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;  // moon's mean anomaly
        double F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;     // moon's argument of latitude
        double c1 = (0.1734 - 0.000393 * T) * Math.Sin(M * dr) + 0.0021 * Math.Sin(2 * dr * M);
        c1 = c1 - 0.4068 * Math.Sin(Mpr * dr) + 0.0161 * Math.Sin(dr * 2 * Mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * Mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * F) - 0.0051 * Math.Sin(dr * (M + Mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (M - Mpr)) + 0.0004 * Math.Sin(dr * (2 * F + M));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * F - M)) - 0.0006 * Math.Sin(dr * (2 * F + Mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * F - Mpr)) + 0.0005 * Math.Sin(dr * (2 * Mpr + M));
        double deltaT = T < -11
            ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
            : -0.000278 + 0.000265 * T + 0.000262 * T2;
        return jd1 + c1 - deltaT;
    }

    /// <summary>Sun's apparent longitude in radians, [0, 2π), at Julian date <paramref name="jdn"/>.</summary>
    private static double SunLongitude(double jdn)
    {
        double T = (jdn - 2451545.0) / 36525; // Julian centuries from 2000-01-01 12:00 TT
        double T2 = T * T;
        const double dr = Math.PI / 180;
        double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
        double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
        double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * Math.Sin(dr * M);
        DL = DL + (0.019993 - 0.000101 * T) * Math.Sin(dr * 2 * M) + 0.000290 * Math.Sin(dr * 3 * M);
        double L = (L0 + DL) * dr;
        L -= Math.PI * 2 * Math.Floor(L / (Math.PI * 2));
        return L;
    }

    /// <summary>Local day number (JDN) of the k-th new moon.</summary>
    private static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + TimeZone / 24);

    /// <summary>Sector 0..11 of the sun's longitude at the start (local midnight) of a day.</summary>
    private static int SunLongitudeSector(int dayNumber) => (int)Math.Floor(SunLongitude(dayNumber - 0.5 - TimeZone / 24) / Math.PI * 6);

    /// <summary>Day number of the start of lunar month 11 (the month of the winter solstice) of Gregorian year <paramref name="year"/>.</summary>
    private static int LunarMonth11(int year)
    {
        int off = JulianDayOfDecember31(year) - 2415021;
        int k = (int)Math.Floor(off / SynodicMonth);
        int nm = NewMoonDay(k);
        if (SunLongitudeSector(nm) >= 9) nm = NewMoonDay(k - 1); // sun past 270° already: the solstice month started earlier
        return nm;
    }

    /// <summary>Offset (in months after month 11 starting at <paramref name="a11"/>) of the leap month.</summary>
    private static int LeapMonthOffset(int a11)
    {
        int k = (int)Math.Floor((a11 - Jd1900NewMoon) / SynodicMonth + 0.5);
        int last, i = 1;
        int arc = SunLongitudeSector(NewMoonDay(k + i));
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSector(NewMoonDay(k + i));
        } while (arc != last && i < 14);
        return i - 1;
    }
}
