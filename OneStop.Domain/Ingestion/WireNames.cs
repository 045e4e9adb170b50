using System.Globalization;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Ingestion;

/// <summary>
/// The words the ingestion API and the CSV import use on the wire (kebab-case, English), and the instants they
/// accept: ISO 8601 with an explicit offset, since a bare local time is ambiguous.
/// </summary>
public static class WireNames
{
    public static readonly IReadOnlyDictionary<string, Channel> Channels = new Dictionary<string, Channel>
    {
        ["counter"] = Channel.Counter, ["online"] = Channel.Online, ["post"] = Channel.Post,
    };

    public static readonly IReadOnlyDictionary<string, ResultDelivery> Deliveries = new Dictionary<string, ResultDelivery>
    {
        ["counter"] = ResultDelivery.Counter, ["post"] = ResultDelivery.Post,
    };

    public static readonly IReadOnlyDictionary<string, DossierStatus> Statuses = new Dictionary<string, DossierStatus>
    {
        ["received"] = DossierStatus.Received, ["in-progress"] = DossierStatus.InProgress,
        ["waiting-supplement"] = DossierStatus.WaitingSupplement, ["result-ready"] = DossierStatus.ResultReady,
        ["returned"] = DossierStatus.Returned, ["refused"] = DossierStatus.Refused, ["withdrawn"] = DossierStatus.Withdrawn,
    };

    /// <summary>Lifecycle events the provincial system sends, and the workflow action each one is.</summary>
    public static readonly IReadOnlyDictionary<string, DossierAction> Events = new Dictionary<string, DossierAction>
    {
        ["handover"] = DossierAction.HandOver, ["supplement-requested"] = DossierAction.RequestSupplement,
        ["resumed"] = DossierAction.Resume, ["approved"] = DossierAction.Approve, ["returned"] = DossierAction.Return,
        ["refused"] = DossierAction.Refuse, ["withdrawn"] = DossierAction.Withdraw, ["apology"] = DossierAction.IssueApology,
    };

    public static string Of(Channel c) => Channels.First(x => x.Value == c).Key;
    public static string Of(ResultDelivery r) => Deliveries.First(x => x.Value == r).Key;
    public static string Of(DossierStatus s) => Statuses.First(x => x.Value == s).Key;
    public static string Of(Outcome o) => o switch { Outcome.Early => "early", Outcome.OnTime => "on-time", _ => "late" };

    public static string List(IEnumerable<string> names) => string.Join(", ", names);

    /// <summary>ISO 8601 date and time with an offset (Z or ±hh:mm); false for a bare local time or anything else.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset value)
    {
        value = default;
        var t = text?.Trim() ?? "";
        var tIndex = t.IndexOfAny(['T', 't']);
        if (tIndex < 0 || t.Length > 40) return false;
        var timePart = t[(tIndex + 1)..];
        var hasOffset = timePart.EndsWith('Z') || timePart.EndsWith('z') || timePart.Contains('+') || timePart.Contains('-');
        return hasOffset && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>An instant as the API writes it: Vietnam time with its offset.</summary>
    public static string Format(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Calendar.WorkingCalendar.VietnamOffset)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public const string InstantRule = "phải là ngày giờ ISO 8601 có múi giờ (Z hoặc ±hh:mm), ví dụ 2026-11-18T09:00:00+07:00.";
}
