using OneStop.Domain.Calendar;

namespace OneStop.Domain.Persistence.Demo;

/// <summary>
/// Office time over a span of dates as a single number line, in whole seconds, for fast placement of
/// simulated events: <see cref="M"/> maps an instant to the office seconds elapsed since the start of the
/// span (flat outside office hours), <see cref="W"/> maps back to an instant inside office hours. Built once
/// from <see cref="WorkingCalendar.IsWorkingDay"/> and the office sessions; the same working-time model as
/// the calendar (every working day has the same length), so deadlines and outcomes, which the generator
/// always takes from <see cref="DeadlineClock"/>, agree with what is placed here.
/// </summary>
internal sealed class WorkTimeline
{
    private readonly DateOnly _first;
    private readonly long[] _cumStart;   // office seconds before each calendar day
    private readonly bool[] _working;
    private readonly int[] _workingDays; // calendar-day index of the k-th working day
    private readonly int[] _sessionStart, _sessionLength; // seconds of the local day

    public WorkTimeline(WorkingCalendar calendar, DateOnly first, DateOnly last)
    {
        _first = first;
        var sessions = calendar.Hours.Sessions.OrderBy(s => s.Start).ToArray();
        _sessionStart = sessions.Select(s => (int)(s.Start.ToTimeSpan().TotalSeconds)).ToArray();
        _sessionLength = sessions.Select(s => (int)((s.End - s.Start).TotalSeconds)).ToArray();
        DayLength = _sessionLength.Sum();

        int days = last.DayNumber - first.DayNumber + 1;
        _cumStart = new long[days + 1];
        _working = new bool[days];
        var working = new List<int>(days);
        long cum = 0;
        for (int d = 0; d < days; d++)
        {
            _cumStart[d] = cum;
            if (calendar.IsWorkingDay(first.AddDays(d)))
            {
                _working[d] = true;
                working.Add(d);
                cum += DayLength;
            }
        }
        _cumStart[days] = cum;
        _workingDays = working.ToArray();
    }

    /// <summary>Office seconds in one working day (27,000 for 07:30-11:30 + 13:30-17:00).</summary>
    public int DayLength { get; }

    public int WorkingDayCount => _workingDays.Length;

    public DateOnly DateOfWorkingDay(int k) => _first.AddDays(_workingDays[k]);

    /// <summary>Office seconds elapsed from the start of the span up to <paramref name="utc"/>.</summary>
    public long M(DateTime utc)
    {
        var local = WorkingCalendar.ToLocal(utc);
        int d = DateOnly.FromDateTime(local).DayNumber - _first.DayNumber;
        if (d < 0) return 0;
        if (d >= _working.Length) throw new ArgumentOutOfRangeException(nameof(utc), utc, "Instant beyond the demo timeline.");
        if (!_working[d]) return _cumStart[d];
        long sod = (long)local.TimeOfDay.TotalSeconds;
        long acc = 0;
        for (int i = 0; i < _sessionStart.Length; i++)
        {
            long into = sod - _sessionStart[i];
            if (into <= 0) break;
            acc += Math.Min(into, _sessionLength[i]);
        }
        return _cumStart[d] + acc;
    }

    /// <summary>The instant (UTC, inside office hours) at which <paramref name="m"/> office seconds have elapsed; a day boundary maps to the next opening.</summary>
    public DateTime W(long m)
    {
        long k = m / DayLength;
        if (k >= _workingDays.Length) throw new ArgumentOutOfRangeException(nameof(m), m, "Beyond the demo timeline.");
        int s = (int)(m - k * DayLength);
        int i = 0;
        while (s >= _sessionLength[i]) { s -= _sessionLength[i]; i++; }
        var local = _first.AddDays(_workingDays[k]).ToDateTime(TimeOnly.MinValue).AddSeconds(_sessionStart[i] + s);
        return WorkingCalendar.ToUtc(local);
    }

    /// <summary>Office seconds at the opening of the k-th working day of the span.</summary>
    public long OpeningOfWorkingDay(int k) => (long)k * DayLength;

    /// <summary>Length in seconds of each office session, in order.</summary>
    public IReadOnlyList<int> SessionLengths => _sessionLength;

    /// <summary>A random instant of a working day, in office seconds after its opening: mornings busier (62%), peaks mid-session.</summary>
    public long RandomOfficeSecond(Random rnd)
    {
        var lengths = SessionLengths;
        int session = lengths.Count == 1 || rnd.NextDouble() < 0.62 ? 0 : 1 + rnd.Next(lengths.Count - 1);
        long before = 0;
        for (int i = 0; i < session; i++) before += lengths[i];
        double u = (rnd.NextDouble() + rnd.NextDouble()) / 2;
        return before + (long)(u * (lengths[session] - 1));
    }

    /// <summary>
    /// Intake around Tết, by working-day index: the longest break of the year (five or more days off in
    /// January-March) is preceded by a rush and followed by a quiet week. Found from the calendar, so it
    /// follows the lunar date.
    /// </summary>
    public Dictionary<int, double> TetIntakeFactors()
    {
        var factors = new Dictionary<int, double>();
        for (int k = 1; k < WorkingDayCount; k++)
        {
            var prev = DateOfWorkingDay(k - 1);
            var next = DateOfWorkingDay(k);
            if (next.DayNumber - prev.DayNumber - 1 < 5 || next.Month > 3) continue;
            for (int j = 1; j <= 5 && k - j >= 0; j++) factors[k - j] = 1.2;
            for (int j = 0; j < 8 && k + j < WorkingDayCount; j++) factors[k + j] = j < 3 ? 0.4 : 0.75;
        }
        return factors;
    }
}
