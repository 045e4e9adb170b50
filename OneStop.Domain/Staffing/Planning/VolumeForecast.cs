namespace OneStop.Domain.Staffing.Planning;

/// <summary>Expected intake of one week (Monday first) of the forecast.</summary>
public sealed record WeekForecast(DateOnly WeekStart, double Dossiers, int WorkingDays);

public sealed record ForecastResult(double MeanPerWorkingDay, IReadOnlyDictionary<DayOfWeek, double> WeekdayFactors, IReadOnlyList<WeekForecast> Weeks);

/// <summary>
/// Forecasts a department's intake from its daily counts over the last year. Pure: the calendar comes in as
/// functions so the method can be checked on a made-up year.
/// </summary>
/// <remarks>
/// <para>expected(d) = m × w(weekday of d) × s(d) on a working day, 0 otherwise, where</para>
/// <list type="bullet">
/// <item>m: mean intake per working day over the history;</item>
/// <item>w: the weekday factor, mean intake on that weekday's working days / m (Monday is busier than Friday);</item>
/// <item>s(d): the season, read from the same time one year earlier: over the working days within
/// ±<see cref="SeasonHalfWindow"/> days of the reference date r, (their intake + k) / (what m × w predicts for them
/// + k), with k = <see cref="SeasonPrior"/> dossiers, which pulls the season of a small department (a handful of
/// dossiers a week, mostly noise) towards 1 while a large one keeps its own. r is d − 364 days (same weekday, so the year end lines up with last
/// year's end), except within ±<see cref="TetWindowDays"/> days of Tết, which moves by up to a month from one year
/// to the next: there r is last year's Tết plus the same number of days, so the rush before Tết and the dip after it
/// line up with last year's.</item>
/// </list>
/// <para>No trend: twelve months cannot tell a trend from a season.</para>
/// </remarks>
public static class VolumeForecast
{
    public const int SeasonHalfWindow = 3;
    public const int TetWindowDays = 21;
    public const double SeasonPrior = 10;

    public static ForecastResult Forecast(IReadOnlyDictionary<DateOnly, int> daily, DateOnly historyStart, DateOnly historyEnd,
        DateOnly firstWeekStart, int weeks, Func<DateOnly, bool> isWorkingDay, Func<int, DateOnly> tetOf)
    {
        var model = Fit(daily, historyStart, historyEnd, isWorkingDay);
        var result = new List<WeekForecast>(weeks);
        for (var w = 0; w < weeks; w++)
        {
            var start = firstWeekStart.AddDays(7 * w);
            double sum = 0;
            var working = 0;
            for (var i = 0; i < 7; i++)
            {
                var d = start.AddDays(i);
                if (!isWorkingDay(d)) continue;
                working++;
                sum += model.Expected(d, tetOf);
            }
            result.Add(new WeekForecast(start, sum, working));
        }
        return new ForecastResult(model.Mean, model.Factors, result);
    }

    /// <summary>The expected intake on one day.</summary>
    public static double ExpectedOn(DateOnly day, IReadOnlyDictionary<DateOnly, int> daily, DateOnly historyStart, DateOnly historyEnd,
        Func<DateOnly, bool> isWorkingDay, Func<int, DateOnly> tetOf) =>
        isWorkingDay(day) ? Fit(daily, historyStart, historyEnd, isWorkingDay).Expected(day, tetOf) : 0;

    /// <summary>The day one year earlier that <paramref name="day"/> is compared with.</summary>
    public static DateOnly ReferenceOf(DateOnly day, Func<int, DateOnly> tetOf)
    {
        var tet = tetOf(day.Year);
        var offset = day.DayNumber - tet.DayNumber;
        return Math.Abs(offset) <= TetWindowDays ? tetOf(day.Year - 1).AddDays(offset) : day.AddDays(-364);
    }

    private static Model Fit(IReadOnlyDictionary<DateOnly, int> daily, DateOnly start, DateOnly end, Func<DateOnly, bool> isWorkingDay)
    {
        var sums = new double[7];
        var counts = new int[7];
        for (var d = start; d < end; d = d.AddDays(1))
        {
            if (!isWorkingDay(d)) continue;
            sums[(int)d.DayOfWeek] += daily.GetValueOrDefault(d);
            counts[(int)d.DayOfWeek]++;
        }
        var days = counts.Sum();
        var mean = days == 0 ? 0 : sums.Sum() / days;
        var factors = Enum.GetValues<DayOfWeek>().ToDictionary(w => w,
            w => counts[(int)w] == 0 || mean == 0 ? 1.0 : sums[(int)w] / counts[(int)w] / mean);
        return new Model(daily, start, end, isWorkingDay, mean, factors);
    }

    private sealed record Model(IReadOnlyDictionary<DateOnly, int> Daily, DateOnly Start, DateOnly End, Func<DateOnly, bool> IsWorkingDay,
        double Mean, IReadOnlyDictionary<DayOfWeek, double> Factors)
    {
        public double Expected(DateOnly day, Func<int, DateOnly> tetOf) => Mean * Factors[day.DayOfWeek] * Season(ReferenceOf(day, tetOf));

        private double Season(DateOnly reference)
        {
            double actual = 0, predicted = 0;
            for (var d = reference.AddDays(-SeasonHalfWindow); d <= reference.AddDays(SeasonHalfWindow); d = d.AddDays(1))
            {
                if (d < Start || d >= End || !IsWorkingDay(d)) continue;
                actual += Daily.GetValueOrDefault(d);
                predicted += Mean * Factors[d.DayOfWeek];
            }
            return (actual + SeasonPrior) / (predicted + SeasonPrior);
        }
    }
}
