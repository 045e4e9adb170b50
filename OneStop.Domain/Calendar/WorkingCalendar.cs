using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace OneStop.Domain.Calendar;

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
    public TimeSpan DayLength
    {
        get
        {
            long ticks = 0;
            foreach (var (start, end) in Sessions) ticks += (end - start).Ticks;
            return TimeSpan.FromTicks(ticks);
        }
    }
}

/// <summary>
/// Working time of one center: Monday-Friday office hours in Vietnam (UTC+7), minus statutory
/// holidays and compensatory days, plus per-year overrides. All instants in and out are UTC.
/// One working day = <see cref="OfficeHours.DayLength"/> of office time, so 10:00 Monday + 3 working
/// days = 10:00 Thursday.
/// </summary>
/// <remarks>
/// <para>Instants: <see cref="DateTimeKind.Utc"/> and <see cref="DateTimeKind.Unspecified"/> are both read as
/// UTC; <see cref="DateTimeKind.Local"/> is converted with <see cref="DateTime.ToUniversalTime"/>. Results are
/// always <see cref="DateTimeKind.Utc"/>.</para>
/// <para>Days: the rules are those of <see cref="StatutoryHolidays"/>; an override replaces the rule for its
/// date (the last override given for a date wins). A non-working override keeps the rule's kind when the rule
/// already had the day off (weekend, holiday, compensatory day) and is an <see cref="DayKind.ExtraDayOff"/>
/// otherwise; a working override is a <see cref="DayKind.WorkedWeekend"/> on Saturday/Sunday and
/// <see cref="DayKind.Working"/> on a weekday. Compensatory days are computed from the rules alone.</para>
/// <para>Working time: think of W(t), the office time elapsed up to instant t; it is flat outside office hours.
/// <see cref="WorkingTimeBetween"/> is W(to) − W(from). <see cref="AddWorkingTime"/> with a positive amount
/// returns the earliest instant reaching W(start) + amount, so a count that runs out exactly at a session end
/// returns that session end (17:00), not the next opening; with a negative amount it returns the latest instant
/// at W(start) + amount (an opening rather than the previous closing); with zero it returns start when start is
/// inside office hours and <see cref="NextOpening"/> otherwise. Hence, for any start and amount,
/// <c>WorkingTimeBetween(start, AddWorkingTime(start, amount)) == amount</c>.</para>
/// <para>Performance: each year's working days are computed once (lazily, thread-safe) into prefix counts, so
/// whole working days are skipped in O(1); the arithmetic methods allocate nothing. Immutable and thread-safe.</para>
/// </remarks>
public sealed class WorkingCalendar
{
    /// <summary>Vietnam has used UTC+7 without daylight saving since 1975; a fixed zone needs no tzdata.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public const string WorkingDayName = "Ngày làm việc";
    public const string SaturdayName = "Thứ Bảy";
    public const string SundayName = "Chủ nhật";

    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private const long OffsetTicks = 7 * TimeSpan.TicksPerHour;
    // Years kept in a plain array (fast path); others go to a dictionary.
    private const int FastMinYear = 1900, FastMaxYear = 2199;

    private readonly long[] _sessionStart; // local time of day, ticks
    private readonly long[] _sessionEnd;
    private readonly long[] _workedBefore; // office time in the day before session i starts
    private readonly long _dayLength;
    private readonly Dictionary<int, CalendarOverride[]> _overridesByYear;
    private readonly YearData?[] _fastYears = new YearData?[FastMaxYear - FastMinYear + 1];
    private readonly ConcurrentDictionary<int, YearData> _otherYears = new();

    /// <exception cref="ArgumentException">No session, an empty session, or overlapping sessions.</exception>
    public WorkingCalendar(OfficeHours? hours = null, IEnumerable<CalendarOverride>? overrides = null)
    {
        Hours = hours ?? OfficeHours.Default;

        var sessions = Hours.Sessions.OrderBy(s => s.Start).ToArray();
        if (sessions.Length == 0) throw new ArgumentException("Office hours need at least one session.", nameof(hours));
        _sessionStart = new long[sessions.Length];
        _sessionEnd = new long[sessions.Length];
        _workedBefore = new long[sessions.Length];
        long worked = 0;
        for (int i = 0; i < sessions.Length; i++)
        {
            var (start, end) = sessions[i];
            if (end <= start) throw new ArgumentException($"Session {start}-{end} is empty or ends before it starts.", nameof(hours));
            if (i > 0 && start < sessions[i - 1].End) throw new ArgumentException($"Session {start}-{end} overlaps the previous one.", nameof(hours));
            _sessionStart[i] = start.Ticks;
            _sessionEnd[i] = end.Ticks;
            _workedBefore[i] = worked;
            worked += end.Ticks - start.Ticks;
        }
        _dayLength = worked;

        var byDate = new Dictionary<DateOnly, CalendarOverride>();
        foreach (var o in overrides ?? []) byDate[o.Date] = o;
        _overridesByYear = byDate.Values.GroupBy(o => o.Date.Year).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public OfficeHours Hours { get; }

    /// <summary>Length of one working day (<see cref="OfficeHours.DayLength"/>, computed once).</summary>
    public TimeSpan DayLength => TimeSpan.FromTicks(_dayLength);

    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(VietnamOffset);
    public static DateTime ToUtc(DateTime local) => DateTime.SpecifyKind(local - VietnamOffset, DateTimeKind.Utc);

    /// <summary>The local (UTC+7) date of an instant.</summary>
    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDayNumber((int)((UtcTicks(utc) + OffsetTicks) / TicksPerDay));

    /// <summary>What a date is: working day, weekend, holiday, compensatory or extra day off, worked weekend.</summary>
    public CalendarDay Describe(DateOnly date)
    {
        var year = Year(date.Year);
        foreach (var day in year.Specials)
            if (day.Date == date) return day;
        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => new CalendarDay(date, false, DayKind.Weekend, SaturdayName),
            DayOfWeek.Sunday => new CalendarDay(date, false, DayKind.Weekend, SundayName),
            _ => new CalendarDay(date, true, DayKind.Working, WorkingDayName),
        };
    }

    public bool IsWorkingDay(DateOnly date) => IsWorking(date.DayNumber);

    /// <summary>Every day of the year that differs from the plain Monday-Friday rule, in date order.</summary>
    /// <remarks>Weekday holidays, compensatory and extra days off, and worked weekend days. A holiday on a weekend
    /// is not listed (it is not worked anyway) but its compensatory weekday is.</remarks>
    public IReadOnlyList<CalendarDay> Exceptions(int year) => Year(year).Exceptions;

    /// <summary>True when the instant is on a working day, at or after a session start and before its end.</summary>
    public bool IsOfficeHours(DateTime utc)
    {
        long local = UtcTicks(utc) + OffsetTicks;
        int day = (int)(local / TicksPerDay);
        if (!IsWorking(day)) return false;
        long tod = local - day * TicksPerDay;
        for (int i = 0; i < _sessionStart.Length; i++)
            if (tod >= _sessionStart[i] && tod < _sessionEnd[i]) return true;
        return false;
    }

    /// <summary>The first instant at or after <paramref name="utc"/> that is inside office hours.</summary>
    public DateTime NextOpening(DateTime utc)
    {
        long local = UtcTicks(utc) + OffsetTicks;
        int day = (int)(local / TicksPerDay);
        long tod = local - day * TicksPerDay;
        if (IsWorking(day))
        {
            for (int i = 0; i < _sessionStart.Length; i++)
                if (tod < _sessionEnd[i]) return Instant(day, Math.Max(tod, _sessionStart[i]));
        }
        return Instant(NextWorkingDay(day, 1), _sessionStart[0]);
    }

    /// <summary>Instant when <paramref name="amount"/> of working time has elapsed after <paramref name="startUtc"/>.</summary>
    /// <remarks>Counting starts at the next opening when <paramref name="startUtc"/> is outside office hours. Positive:
    /// the earliest such instant (a session end rather than the next opening). Zero: <paramref name="startUtc"/> if
    /// inside office hours, else <see cref="NextOpening"/>. Negative: counts backwards and returns the latest such
    /// instant (an opening rather than the previous closing).</remarks>
    public DateTime AddWorkingTime(DateTime startUtc, TimeSpan amount)
    {
        long a = amount.Ticks;
        if (a == 0) return IsOfficeHours(startUtc) ? UtcInstant(startUtc) : NextOpening(startUtc);
        if (a == long.MinValue) throw new ArgumentOutOfRangeException(nameof(amount));

        long local = UtcTicks(startUtc) + OffsetTicks;
        int day = (int)(local / TicksPerDay);
        long tod = local - day * TicksPerDay;
        long dl = _dayLength;
        long rest;
        if (a > 0)
        {
            if (IsWorking(day))
            {
                long reached = WorkedUntil(tod) + a;
                if (reached <= dl) return Instant(day, EarliestReaching(reached));
                rest = reached - dl;
            }
            else rest = a;
            long fullDays = (rest - 1) / dl; // rest in (0, dl] remains for the last day
            rest -= fullDays * dl;
            return Instant(NextWorkingDay(day, fullDays + 1), EarliestReaching(rest));
        }
        else
        {
            long need = -a;
            if (IsWorking(day))
            {
                long worked = WorkedUntil(tod);
                if (worked >= need) return Instant(day, LatestReaching(worked - need));
                rest = need - worked;
            }
            else rest = need;
            long fullDays = (rest - 1) / dl;
            rest -= fullDays * dl;
            return Instant(PreviousWorkingDay(day, fullDays + 1), LatestReaching(dl - rest));
        }
    }

    public DateTime AddWorkingDays(DateTime startUtc, int days) => AddWorkingTime(startUtc, TimeSpan.FromTicks(_dayLength * days));
    public DateTime AddWorkingHours(DateTime startUtc, double hours) => AddWorkingTime(startUtc, TimeSpan.FromHours(hours));

    /// <summary>Working time between two instants; negative when <paramref name="toUtc"/> is earlier.</summary>
    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        long from = UtcTicks(fromUtc), to = UtcTicks(toUtc);
        if (from == to) return TimeSpan.Zero;
        if (from > to) return TimeSpan.FromTicks(-Between(to, from));
        return TimeSpan.FromTicks(Between(from, to));
    }

    /// <summary>Number of working days in [<paramref name="from"/>, <paramref name="to"/>); negative when to &lt; from.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to) =>
        from <= to ? (int)CountWorkingDays(from.DayNumber, to.DayNumber) : -(int)CountWorkingDays(to.DayNumber, from.DayNumber);

    // ---- working-time arithmetic on local ticks -------------------------------------------------

    private long Between(long fromUtc, long toUtc)
    {
        long lf = fromUtc + OffsetTicks, lt = toUtc + OffsetTicks;
        int df = (int)(lf / TicksPerDay), dt = (int)(lt / TicksPerDay);
        long tf = lf - df * TicksPerDay, tt = lt - dt * TicksPerDay;
        if (df == dt) return IsWorking(df) ? WorkedUntil(tt) - WorkedUntil(tf) : 0;
        long w = IsWorking(df) ? _dayLength - WorkedUntil(tf) : 0;
        w += CountWorkingDays(df + 1, dt) * _dayLength;
        if (IsWorking(dt)) w += WorkedUntil(tt);
        return w;
    }

    /// <summary>Office time on a working day from midnight to <paramref name="tod"/>.</summary>
    private long WorkedUntil(long tod)
    {
        long w = 0;
        for (int i = 0; i < _sessionStart.Length; i++)
        {
            if (tod <= _sessionStart[i]) break;
            w += Math.Min(tod, _sessionEnd[i]) - _sessionStart[i];
        }
        return w;
    }

    /// <summary>Earliest time of day at which <paramref name="worked"/> (in (0, day length]) of office time is done.</summary>
    private long EarliestReaching(long worked)
    {
        int i = 0;
        while (_workedBefore[i] + (_sessionEnd[i] - _sessionStart[i]) < worked) i++;
        return _sessionStart[i] + (worked - _workedBefore[i]);
    }

    /// <summary>Latest time of day at which exactly <paramref name="worked"/> (in [0, day length)) of office time is done.</summary>
    private long LatestReaching(long worked)
    {
        int i = 0;
        while (_workedBefore[i] + (_sessionEnd[i] - _sessionStart[i]) <= worked) i++;
        return _sessionStart[i] + (worked - _workedBefore[i]);
    }

    private static long UtcTicks(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime().Ticks : t.Ticks;
    private static DateTime UtcInstant(DateTime t) => new(UtcTicks(t), DateTimeKind.Utc);
    private static DateTime Instant(int localDay, long timeOfDay) => new(localDay * TicksPerDay + timeOfDay - OffsetTicks, DateTimeKind.Utc);

    // ---- working days -----------------------------------------------------------------------------

    private bool IsWorking(int dayNumber)
    {
        var y = YearOf(dayNumber, out int i);
        return y.WorkedBefore[i + 1] != y.WorkedBefore[i];
    }

    /// <summary>The <paramref name="k"/>-th (k ≥ 1) working day strictly after <paramref name="dayNumber"/>.</summary>
    private int NextWorkingDay(int dayNumber, long k)
    {
        var y = YearOf(dayNumber + 1, out int i);
        long ordinal = y.WorkedBefore[i] + k - 1;
        while (ordinal >= y.Total)
        {
            ordinal -= y.Total;
            y = Year(y.Year + 1);
        }
        return y.FirstDay + y.WorkingDays[ordinal];
    }

    /// <summary>The <paramref name="k"/>-th (k ≥ 1) working day strictly before <paramref name="dayNumber"/>.</summary>
    private int PreviousWorkingDay(int dayNumber, long k)
    {
        var y = YearOf(dayNumber, out int i);
        long ordinal = y.WorkedBefore[i] - k;
        while (ordinal < 0)
        {
            y = Year(y.Year - 1);
            ordinal += y.Total;
        }
        return y.FirstDay + y.WorkingDays[ordinal];
    }

    /// <summary>Working days in [from, to) for from ≤ to.</summary>
    private long CountWorkingDays(int from, int to)
    {
        if (from >= to) return 0;
        var yf = YearOf(from, out int i);
        var yt = YearOf(to, out int j);
        if (ReferenceEquals(yf, yt)) return yt.WorkedBefore[j] - yf.WorkedBefore[i];
        long n = yf.Total - yf.WorkedBefore[i];
        for (int year = yf.Year + 1; year < yt.Year; year++) n += Year(year).Total;
        return n + yt.WorkedBefore[j];
    }

    private YearData YearOf(int dayNumber, out int indexInYear)
    {
        var y = Year(DateOnly.FromDayNumber(dayNumber).Year);
        indexInYear = dayNumber - y.FirstDay;
        return y;
    }

    private YearData Year(int year)
    {
        if ((uint)(year - FastMinYear) < (uint)_fastYears.Length)
        {
            var y = Volatile.Read(ref _fastYears[year - FastMinYear]);
            if (y is not null) return y;
            y = BuildYear(year);
            return Interlocked.CompareExchange(ref _fastYears[year - FastMinYear], y, null) ?? y;
        }
        if (year < 1 || year > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "Dates must be in years 1..9999.");
        return _otherYears.GetOrAdd(year, BuildYear);
    }

    private YearData BuildYear(int year)
    {
        var specials = new Dictionary<DateOnly, CalendarDay>();
        var holidays = StatutoryHolidays.For(year);
        foreach (var h in holidays)
            specials.TryAdd(h.Date, new CalendarDay(h.Date, false, DayKind.Holiday, h.Name));
        // No Vietnamese holiday is late enough in the year for its compensatory day to spill into the next one.
        foreach (var c in StatutoryHolidays.CompensatoryDays(holidays))
            specials[c.Date] = new CalendarDay(c.Date, false, DayKind.CompensatoryDayOff, c.Name);
        if (_overridesByYear.TryGetValue(year, out var overrides))
        {
            foreach (var o in overrides)
            {
                bool weekend = StatutoryHolidays.IsWeekend(o.Date);
                DayKind kind;
                if (o.Working) kind = weekend ? DayKind.WorkedWeekend : DayKind.Working;
                else if (specials.TryGetValue(o.Date, out var rule)) kind = rule.Working ? DayKind.ExtraDayOff : rule.Kind;
                else kind = weekend ? DayKind.Weekend : DayKind.ExtraDayOff;
                specials[o.Date] = new CalendarDay(o.Date, o.Working, kind, o.Name);
            }
        }

        var first = new DateOnly(year, 1, 1);
        int length = DateTime.IsLeapYear(year) ? 366 : 365;
        var workedBefore = new short[length + 1];
        var workingDays = new short[length];
        short total = 0;
        for (int i = 0; i < length; i++)
        {
            var date = first.AddDays(i);
            bool working = specials.TryGetValue(date, out var special) ? special.Working : !StatutoryHolidays.IsWeekend(date);
            workedBefore[i] = total;
            if (working) workingDays[total++] = (short)i;
        }
        workedBefore[length] = total;

        var ordered = specials.Values.OrderBy(d => d.Date).ToArray();
        var exceptions = ordered.Where(d => d.Working == StatutoryHolidays.IsWeekend(d.Date)).ToArray();
        return new YearData(year, first.DayNumber, total, workedBefore, workingDays, ordered, new ReadOnlyCollection<CalendarDay>(exceptions));
    }

    /// <summary>One year's working days, computed once; immutable.</summary>
    private sealed class YearData(int year, int firstDay, int total, short[] workedBefore, short[] workingDays,
        CalendarDay[] specials, IReadOnlyList<CalendarDay> exceptions)
    {
        public readonly int Year = year;
        /// <summary>Day number of 1 January.</summary>
        public readonly int FirstDay = firstDay;
        /// <summary>Working days in the year.</summary>
        public readonly int Total = total;
        /// <summary>WorkedBefore[i] = working days among the first i days of the year (length: days + 1).</summary>
        public readonly short[] WorkedBefore = workedBefore;
        /// <summary>Day-of-year index (0-based) of each working day, in order.</summary>
        public readonly short[] WorkingDays = workingDays;
        /// <summary>Days whose description comes from a rule or an override, in date order.</summary>
        public readonly CalendarDay[] Specials = specials;
        public readonly IReadOnlyList<CalendarDay> Exceptions = exceptions;
    }
}
