namespace OneStop.Web.Components.Shared;

public enum Risk { OnTrack, DueSoon, Overdue, Paused }

/// <summary>How much working time is left, in words and as a risk class (on track / due soon / overdue).</summary>
public static class RiskText
{
    public static Risk Classify(TimeSpan remaining, TimeSpan dayLength) =>
        remaining < TimeSpan.Zero ? Risk.Overdue : remaining < dayLength ? Risk.DueSoon : Risk.OnTrack;

    /// <summary>"còn 2 ngày 3 giờ", "còn 45 phút", "quá hạn 1 ngày 2 giờ": days are working days of <paramref name="dayLength"/>.</summary>
    public static string Words(TimeSpan remaining, TimeSpan dayLength)
    {
        var overdue = remaining < TimeSpan.Zero;
        var left = overdue ? -remaining : remaining;
        var days = (int)(left.Ticks / dayLength.Ticks);
        var rest = left - dayLength * days;
        var hours = (int)rest.TotalHours;
        var minutes = rest.Minutes;
        var parts = new List<string>(2);
        if (days > 0) parts.Add($"{days} ngày");
        if (hours > 0) parts.Add($"{hours} giờ");
        if (days == 0 && minutes > 0) parts.Add($"{minutes} phút");
        if (parts.Count == 0) return overdue ? "vừa quá hạn" : "đến hạn ngay";
        return (overdue ? "quá hạn " : "còn ") + string.Join(" ", parts);
    }

    public static string Label(Risk risk) => risk switch
    {
        Risk.Overdue => "Quá hạn",
        Risk.DueSoon => "Sắp đến hạn",
        Risk.Paused => "Tạm dừng",
        _ => "Trong hạn",
    };

    public static string CssClass(Risk risk) => risk switch
    {
        Risk.Overdue => "risk-overdue",
        Risk.DueSoon => "risk-soon",
        Risk.Paused => "risk-paused",
        _ => "risk-ok",
    };
}
