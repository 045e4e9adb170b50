using System.Globalization;
using Microsoft.Extensions.Localization;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;

namespace OneStop.Web.Components.Pages.Settings;

/// <summary>The settings page's words for enum values, in the screen's language (SettingsResource).</summary>
public static class SettingsText
{
    public static string StepKind(IStringLocalizer<SettingsResource> t, StepKind k) => t["StepKind" + k];

    public static string DayKind(IStringLocalizer<SettingsResource> t, DayKind k) => t[k switch
    {
        Domain.Calendar.DayKind.Holiday => "DayKindHoliday",
        Domain.Calendar.DayKind.CompensatoryDayOff => "DayKindCompensatory",
        Domain.Calendar.DayKind.ExtraDayOff => "DayKindExtra",
        Domain.Calendar.DayKind.WorkedWeekend => "DayKindWorkedWeekend",
        Domain.Calendar.DayKind.Weekend => "DayKindWeekend",
        _ => "DayKindWorking",
    }];

    /// <summary>"Thứ Hai" in Vietnamese (the center's usual wording, not .NET's "Thứ Hai" variants), "Monday" in English.</summary>
    public static string Weekday(DateOnly d) => Domain.UiText.English
        ? CultureInfo.GetCultureInfo("en-US").DateTimeFormat.GetDayName(d.DayOfWeek)
        : d.DayOfWeek switch
        {
            DayOfWeek.Monday => "Thứ Hai", DayOfWeek.Tuesday => "Thứ Ba", DayOfWeek.Wednesday => "Thứ Tư", DayOfWeek.Thursday => "Thứ Năm",
            DayOfWeek.Friday => "Thứ Sáu", DayOfWeek.Saturday => "Thứ Bảy", _ => "Chủ nhật",
        };
}
