using System.Text.RegularExpressions;
using OneStop.Domain;

namespace OneStop.Jobs;

/// <summary>A cron schedule in words for the jobs page, in the screen's language ("mỗi phút" / "every minute"); the cron itself as a last resort.</summary>
public static partial class ScheduleWords
{
    public static string Describe(string cron)
    {
        var f = cron.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p == "?" ? "*" : p.ToUpperInvariant()).ToList();
        string? second = null;
        if (f.Count is 6 or 7) { second = f[0]; f = f.Skip(1).Take(5).ToList(); }
        if (f.Count != 5) return UiText.Say($"lịch cron «{cron}»", $"cron schedule «{cron}»");
        var (min, hour, day, month, week) = (f[0], f[1], f[2], f[3], f[4]);
        if (min == "0" && hour == "0" && day is "30" or "31" && month == "2") return UiText.Say("không bao giờ", "never");
        var everyMinute = min == "*" && hour == "*" && day == "*" && month == "*" && week == "*";
        if (everyMinute && second is null or "0") return UiText.Say("mỗi phút", "every minute");
        if (everyMinute && Number(second!)) return UiText.Say($"mỗi phút, giây thứ {second}", $"every minute, at second {second}");
        if (second is not (null or "0")) return UiText.Say($"lịch cron «{cron}»", $"cron schedule «{cron}»");
        if (Step().Match(min) is { Success: true } step && hour == "*" && day == "*" && month == "*" && week == "*")
            return UiText.Say($"mỗi {step.Groups[1].Value} phút", $"every {step.Groups[1].Value} minutes");
        if (!Number(min)) return UiText.Say($"lịch cron «{cron}»", $"cron schedule «{cron}»");
        if (hour == "*" && day == "*" && month == "*" && week == "*") return UiText.Say($"mỗi giờ, phút thứ {min}", $"every hour, at minute {min}");
        if (!Number(hour) || month != "*") return UiText.Say($"lịch cron «{cron}»", $"cron schedule «{cron}»");
        var at = $"{int.Parse(hour):00}:{int.Parse(min):00}";
        if (day == "*" && week == "*") return UiText.Say($"{at} hằng ngày", $"{at} every day");
        if (day == "*" && week is "1-5" or "MON-FRI") return UiText.Say($"{at} các ngày làm việc", $"{at} on working days");
        if (Number(day) && week == "*") return UiText.Say($"{at} ngày {day} hằng tháng", $"{at} on day {day} of each month");
        return UiText.Say($"lịch cron «{cron}»", $"cron schedule «{cron}»");
    }

    private static bool Number(string s) => s.Length is > 0 and <= 2 && s.All(char.IsAsciiDigit);

    [GeneratedRegex(@"^\*/(\d{1,2})$")]
    private static partial Regex Step();
}
