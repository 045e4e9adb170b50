using Microsoft.Extensions.Localization;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Web.Components.Shared;

namespace OneStop.Web.Components.Pages.Dossiers;

/// <summary>
/// The dossier page's words for what the query hands over in Vietnamese or as enums (statuses, pools, the statutory
/// time), in the screen's language through <see cref="DossierResource"/>. The query's own Vietnamese texts stay for the
/// printables and exports.
/// </summary>
public static class DossierWords
{
    public static string Status(this IStringLocalizer<DossierResource> t, DossierStatus s) => t[$"Status{s}"];

    public static string Outcome(this IStringLocalizer<DossierResource> t, Outcome o) => t[$"Outcome{o}"];

    public static string Event(this IStringLocalizer<DossierResource> t, DossierEventType e) => t[$"Event{e}"];

    public static string Channel(this IStringLocalizer<DossierResource> t, Channel c) => t[$"Channel{c}"];

    public static string Delivery(this IStringLocalizer<DossierResource> t, ResultDelivery d) => t[$"Delivery{d}"];

    /// <summary>Who holds a dossier at a step with no named handler ("Lãnh đạo đơn vị (chờ nhận)").</summary>
    public static string Pool(this IStringLocalizer<DossierResource> t, StepKind kind, string? agency) =>
        kind == StepKind.InterAgency
            ? t["PoolInterAgency", string.IsNullOrWhiteSpace(agency) ? t["PoolOtherAgency"] : agency]
            : t[$"Pool{kind}"];

    /// <summary>"15 ngày làm việc" (the query's own words in Vietnamese), "15 working days" in English.</summary>
    public static string Statutory(this IStringLocalizer<DossierResource> t, DeadlineInfo deadline)
    {
        if (!UiDuration.English) return deadline.StatutoryText;
        var day = deadline.DayLength.Ticks;
        return day > 0 && deadline.Statutory.Ticks % day == 0
            ? t["StatutoryDays", deadline.Statutory.Ticks / day]
            : t["StatutoryHours", Math.Round(deadline.Statutory.TotalHours, 1)];
    }
}
