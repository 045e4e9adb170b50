using Microsoft.Extensions.Localization;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;

namespace OneStop.Web.Components.Pages.Intake;

/// <summary>
/// The counter screen's words for the catalogue's facts, in the screen's language. <see cref="IntakeText"/> keeps the
/// Vietnamese of the printed receipt, the language of record; these follow the same shape on screen.
/// </summary>
public static class IntakeWords
{
    public static string Statutory(this IStringLocalizer<IntakeResource> t, int amount, TimeUnit unit) =>
        t[(unit == TimeUnit.WorkingHours ? "StatutoryHour" : "StatutoryDay") + (amount == 1 ? "" : "s"), amount];

    public static string Channel(this IStringLocalizer<IntakeResource> t, Channel channel) => t[$"Channel{channel}"];

    public static string AllowedChannels(this IStringLocalizer<IntakeResource> t, Channels allowed)
    {
        var list = IntakeText.Allowed(allowed);
        return list.Count == 0 ? t["NoChannels"] : string.Join(", ", list.Select(c => t.Channel(c)));
    }

    /// <summary>"Thứ Hai, 30/11/2026 09:00" or "Monday, 30/11/2026 09:00": Vietnam time, the date written the same in both.</summary>
    public static string WithWeekday(this IStringLocalizer<IntakeResource> t, DateTime utc) =>
        $"{t[$"Day{(int)WorkingCalendar.ToLocal(utc).DayOfWeek}"]}, {IntakeText.Local(utc)}";
}
