using System.Globalization;
using OneStop.Domain.Calendar;

namespace OneStop.Domain.Reports;

/// <summary>A calendar month at the center (UTC+7): the period a monthly review looks at.</summary>
public readonly record struct ReportMonth(int Year, int Month) : IComparable<ReportMonth>
{
    /// <summary>"2026-10".</summary>
    public string Key => $"{Year:0000}-{Month:00}";
    /// <summary>"Tháng 10/2026".</summary>
    public string Text => $"Tháng {Month:00}/{Year}";
    /// <summary>"10/2026".</summary>
    public string Short => $"{Month:00}/{Year}";

    /// <summary>Local midnight of the 1st, as UTC.</summary>
    public DateTime StartUtc => WorkingCalendar.ToUtc(new DateTime(Year, Month, 1));
    /// <summary>Local midnight of the next month's 1st, as UTC (exclusive).</summary>
    public DateTime EndUtc => AddMonths(1).StartUtc;

    public ReportMonth AddMonths(int months)
    {
        var d = new DateTime(Year, Month, 1).AddMonths(months);
        return new ReportMonth(d.Year, d.Month);
    }

    public ReportMonth Previous => AddMonths(-1);
    public ReportMonth SameMonthLastYear => AddMonths(-12);

    /// <summary>The month an instant falls in, at the center.</summary>
    public static ReportMonth Of(DateTime utc)
    {
        var local = WorkingCalendar.ToLocal(utc);
        return new ReportMonth(local.Year, local.Month);
    }

    /// <summary>Parses "yyyy-MM" (years 2000-2999).</summary>
    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (text is null || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        if (d.Year is < 2000 or > 2999) return false;
        month = new ReportMonth(d.Year, d.Month);
        return true;
    }

    public ReportPeriod Period => new(StartUtc, EndUtc, Text);

    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);
    public static bool operator <(ReportMonth a, ReportMonth b) => a.CompareTo(b) < 0;
    public static bool operator >(ReportMonth a, ReportMonth b) => a.CompareTo(b) > 0;
    public static bool operator <=(ReportMonth a, ReportMonth b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ReportMonth a, ReportMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() => Key;
}

/// <summary>Any span of time the figures can be computed over: a month for the review, a year for a pilot's summary.</summary>
public sealed record ReportPeriod(DateTime StartUtc, DateTime EndUtc, string Label)
{
    /// <summary>A calendar year at the center.</summary>
    public static ReportPeriod Year(int year) =>
        new(WorkingCalendar.ToUtc(new DateTime(year, 1, 1)), WorkingCalendar.ToUtc(new DateTime(year + 1, 1, 1)), $"Năm {year}");
}
