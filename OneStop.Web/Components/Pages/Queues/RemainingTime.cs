using OneStop.Domain.Dossiers.Queries;

namespace OneStop.Web.Components.Pages.Queues;

/// <summary>How urgent a dossier is, as a colour.</summary>
public enum Risk
{
    /// <summary>At least one working day left: green.</summary>
    Ok,
    /// <summary>Under one working day left: amber.</summary>
    Soon,
    /// <summary>Past the appointment in force: red.</summary>
    Late,
    /// <summary>Waiting for the applicant's supplement: the clock is stopped.</summary>
    Paused,
}

/// <summary>The remaining working time in words and colour: "còn 1 ngày 2 giờ", "sắp đến hạn (còn 3 giờ)", "quá hạn 3 giờ".</summary>
public sealed record RemainingView(Risk Risk, string Text)
{
    /// <summary>For data-risk attributes: ok, soon, late, paused.</summary>
    public string Key => Risk.ToString().ToLowerInvariant();

    /// <summary>The app's shared risk colours (app.css), as the dashboards use them.</summary>
    public string CssClass => "risk-badge " + Risk switch
    {
        Risk.Ok => "risk-ok",
        Risk.Soon => "risk-soon",
        Risk.Late => "risk-overdue",
        _ => "risk-paused",
    };

    public static RemainingView Of(QueueItem item, TimeSpan dayLength) => Of(item.Remaining, item.Overdue, item.Paused, dayLength);

    public static RemainingView Of(TimeSpan remaining, bool overdue, bool paused, TimeSpan dayLength)
    {
        if (paused) return new(Risk.Paused, "tạm dừng chờ bổ sung");
        if (overdue || remaining < TimeSpan.Zero)
            // Late with no working time gone by yet (due at 11:30, now the lunch break): just "quá hạn".
            return new(Risk.Late, remaining <= -TimeSpan.FromMinutes(1) ? $"quá hạn {WorkspaceText.Duration(remaining, dayLength)}" : "quá hạn");
        if (remaining < dayLength)
            return new(Risk.Soon, remaining < TimeSpan.FromMinutes(1) ? "sắp đến hạn (đến hạn ngay)" : $"sắp đến hạn (còn {WorkspaceText.Duration(remaining, dayLength)})");
        return new(Risk.Ok, $"còn {WorkspaceText.Duration(remaining, dayLength)}");
    }
}
