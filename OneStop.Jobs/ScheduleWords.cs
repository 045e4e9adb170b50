using System.Text.RegularExpressions;

namespace OneStop.Jobs;

/// <summary>A cron schedule in Vietnamese words for the jobs page ("mỗi phút", "07:30 các ngày làm việc"); the cron itself as a last resort.</summary>
public static partial class ScheduleWords
{
    public static string Describe(string cron)
    {
        var f = cron.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p == "?" ? "*" : p.ToUpperInvariant()).ToList();
        string? second = null;
        if (f.Count is 6 or 7) { second = f[0]; f = f.Skip(1).Take(5).ToList(); }
        if (f.Count != 5) return $"lịch cron «{cron}»";
        var (min, hour, day, month, week) = (f[0], f[1], f[2], f[3], f[4]);
        if (min == "0" && hour == "0" && day is "30" or "31" && month == "2") return "không bao giờ";
        var everyMinute = min == "*" && hour == "*" && day == "*" && month == "*" && week == "*";
        if (everyMinute && second is null or "0") return "mỗi phút";
        if (everyMinute && Number(second!)) return $"mỗi phút, giây thứ {second}";
        if (second is not (null or "0")) return $"lịch cron «{cron}»";
        if (Step().Match(min) is { Success: true } step && hour == "*" && day == "*" && month == "*" && week == "*")
            return $"mỗi {step.Groups[1].Value} phút";
        if (!Number(min)) return $"lịch cron «{cron}»";
        if (hour == "*" && day == "*" && month == "*" && week == "*") return $"mỗi giờ, phút thứ {min}";
        if (!Number(hour) || month != "*") return $"lịch cron «{cron}»";
        var at = $"{int.Parse(hour):00}:{int.Parse(min):00}";
        if (day == "*" && week == "*") return $"{at} hằng ngày";
        if (day == "*" && week is "1-5" or "MON-FRI") return $"{at} các ngày làm việc";
        if (Number(day) && week == "*") return $"{at} ngày {day} hằng tháng";
        return $"lịch cron «{cron}»";
    }

    private static bool Number(string s) => s.Length is > 0 and <= 2 && s.All(char.IsAsciiDigit);

    [GeneratedRegex(@"^\*/(\d{1,2})$")]
    private static partial Regex Step();
}
