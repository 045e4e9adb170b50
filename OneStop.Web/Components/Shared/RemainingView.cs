using OneStop.Domain.Dossiers.Queries;

namespace OneStop.Web.Components.Shared;

/// <summary>The remaining working time in words and colour: "còn 1 ngày 2 giờ", "sắp đến hạn (còn 3 giờ)", "quá hạn 3 giờ".</summary>
public sealed record RemainingView(Risk Risk, string Text)
{
    /// <summary>For data-risk attributes: ok, soon, late, paused.</summary>
    public string Key => Risk switch { Risk.OnTrack => "ok", Risk.DueSoon => "soon", Risk.Overdue => "late", _ => "paused" };

    /// <summary>The app's shared risk colours (app.css), as the dashboards use them.</summary>
    public string CssClass => "risk-badge " + Risk switch
    {
        Risk.OnTrack => "risk-ok",
        Risk.DueSoon => "risk-soon",
        Risk.Overdue => "risk-overdue",
        _ => "risk-paused",
    };

    public static RemainingView Of(QueueItem item, TimeSpan dayLength) => Of(item.Remaining, item.Overdue, item.Paused, dayLength);

    public static RemainingView Of(TimeSpan remaining, bool overdue, bool paused, TimeSpan dayLength)
    {
        var en = UiDuration.English;
        string D() => UiDuration.Of(remaining, dayLength);
        if (paused) return new(Risk.Paused, en ? "paused, awaiting documents" : "tạm dừng chờ bổ sung");
        if (overdue || remaining < TimeSpan.Zero)
            // Late with no working time gone by yet (due at 11:30, now the lunch break): just "quá hạn".
            return new(Risk.Overdue, remaining <= -TimeSpan.FromMinutes(1) ? (en ? $"overdue {D()}" : $"quá hạn {D()}") : (en ? "overdue" : "quá hạn"));
        if (remaining < dayLength)
            return new(Risk.DueSoon, remaining < TimeSpan.FromMinutes(1)
                ? (en ? "due now" : "sắp đến hạn (đến hạn ngay)")
                : (en ? $"due soon ({D()} left)" : $"sắp đến hạn (còn {D()})"));
        return new(Risk.OnTrack, en ? $"{D()} left" : $"còn {D()}");
    }
}
