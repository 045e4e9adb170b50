using System.Globalization;
using OneStop.Domain.Dossiers.Queries;

namespace OneStop.Web.Components.Shared;

/// <summary>Working time in the user's language: "3 ngày 2 giờ" (the Domain's wording) or "3 days 2 h".</summary>
public static class UiDuration
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Of(TimeSpan span, TimeSpan dayLength)
    {
        if (!English) return WorkspaceText.Duration(span, dayLength);
        if (span < TimeSpan.Zero) span = span.Negate();
        var totalMinutes = (long)Math.Floor(span.TotalMinutes);
        var dayMinutes = Math.Max(1L, (long)Math.Round(dayLength.TotalMinutes));
        var (days, rest) = (totalMinutes / dayMinutes, totalMinutes % dayMinutes);
        var (hours, minutes) = (rest / 60, rest % 60);
        string Days(long d) => d == 1 ? "1 day" : $"{d} days";
        if (days > 0) return hours > 0 ? $"{Days(days)} {hours} h" : Days(days);
        if (hours > 0) return minutes > 0 ? $"{hours} h {minutes} min" : $"{hours} h";
        return minutes > 0 ? $"{minutes} min" : "under 1 min";
    }
}
