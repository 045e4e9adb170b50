using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Webhooks;

/// <summary>The dossier events a subscription can ask for; a subscription holds any set of them (stored as the flags' sum).</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,
    Received = 1,
    HandedOver = 2,
    /// <summary>The leader approved (or the other agency's result came back): the applicant can be told to come, or that it goes by post.</summary>
    ResultReady = 4,
    Returned = 8,
    /// <summary>The deadline sweep found the dossier past its appointment.</summary>
    Overdue = 16,
    /// <summary>A rung of the deadline ladder fired (due soon → the handler, overdue → the leader, overdue long → the director).</summary>
    Escalated = 32,
    /// <summary>An apology letter set a new appointment.</summary>
    Apology = 64,
    All = Received | HandedOver | ResultReady | Returned | Overdue | Escalated | Apology,
}

/// <summary>The event names on the wire (the payload's "event" and the X-OneStop-Event header), and which dossier event each one is.</summary>
public static class WebhookEventNames
{
    public static readonly IReadOnlyList<(WebhookEvents Event, string Name)> All =
    [
        (WebhookEvents.Received, "dossier.received"),
        (WebhookEvents.HandedOver, "dossier.handed-over"),
        (WebhookEvents.ResultReady, "dossier.result-ready"),
        (WebhookEvents.Returned, "dossier.returned"),
        (WebhookEvents.Overdue, "dossier.overdue"),
        (WebhookEvents.Escalated, "dossier.escalated"),
        (WebhookEvents.Apology, "dossier.apology"),
    ];

    public static string Of(WebhookEvents single) => All.First(x => x.Event == single).Name;

    public static IEnumerable<WebhookEvents> Split(WebhookEvents set) => All.Select(x => x.Event).Where(e => (set & e) != 0);

    /// <summary>
    /// The webhook event a dossier event is, or None. <paramref name="dossier"/> is the dossier as the event left it: a
    /// deadline class change is "overdue" only when it moved the dossier into the overdue class.
    /// </summary>
    public static WebhookEvents For(DossierEvent e, Dossier dossier) => e.Type switch
    {
        DossierEventType.Received => WebhookEvents.Received,
        DossierEventType.HandedOver => WebhookEvents.HandedOver,
        DossierEventType.Approved => WebhookEvents.ResultReady,
        DossierEventType.Returned => WebhookEvents.Returned,
        DossierEventType.DeadlineClassChanged when dossier.DeadlineClass == Deadlines.DeadlineClass.Overdue => WebhookEvents.Overdue,
        DossierEventType.Escalated => WebhookEvents.Escalated,
        DossierEventType.ApologyIssued => WebhookEvents.Apology,
        _ => WebhookEvents.None,
    };
}
