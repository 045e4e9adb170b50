namespace OneStop.Domain.Webhooks;

/// <summary>
/// An endpoint an administrator registered for some dossier events (/settings/webhooks). Its secret signs every
/// delivery; it is stored encrypted with ASP.NET Data Protection, not hashed, because signing needs the secret itself,
/// and it is shown once, when it is made.
/// </summary>
public sealed class WebhookSubscription
{
    public int Id { get; set; }
    /// <summary>Who receives it, for people: "Tổng đài SMS VNPT", "Zalo OA Bưu điện tỉnh".</summary>
    public required string Name { get; set; }
    public required string Url { get; set; }
    public WebhookEvents Events { get; set; }
    /// <summary>The signing secret, protected by <see cref="WebhookSecrets"/>; never shown after creation.</summary>
    public required string ProtectedSecret { get; set; }
    public DateTime CreatedAt { get; set; }
    public int? CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    /// <summary>Set when the receiver failed too many times in a row (or an admin paused it): nothing is sent until resumed.</summary>
    public DateTime? PausedAt { get; set; }
    public string? PausedReason { get; set; }
    /// <summary>Failed attempts since the last success, over all its deliveries; at OneStop:Webhooks:PauseAfterFailures it is paused.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTime? LastDeliveredAt { get; set; }
    /// <summary>Removed by an admin: kept (soft) so its deliveries stay listed and the audit names it; nothing new is queued.</summary>
    public DateTime? RemovedAt { get; set; }

    public bool Active => PausedAt is null && RemovedAt is null;
}

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One event for one subscription: a row written in the same transaction as the dossier change that causes it, so a
/// crash after the commit loses nothing (the loop finds the row on the next start) and a rolled-back change sends
/// nothing. The body is fixed here; each attempt signs it with a fresh timestamp.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    /// <summary>Sent as X-OneStop-Delivery and in the body's "id": the same on every retry, so a receiver can drop repeats.</summary>
    public Guid DeliveryId { get; set; }
    public int SubscriptionId { get; set; }
    public WebhookSubscription? Subscription { get; set; }
    /// <summary>The wire name, e.g. "dossier.result-ready".</summary>
    public required string Event { get; set; }
    public long? DossierId { get; set; }
    public string? DossierCode { get; set; }
    /// <summary>The JSON sent, byte for byte (UTF-8): what the signature covers.</summary>
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>When it may next be tried (backoff, or the lease while an attempt runs); null once delivered or failed.</summary>
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }

    /// <summary>Pending after at least one failed attempt: what the list shows as "failing".</summary>
    public bool Failing => Status == WebhookDeliveryStatus.Pending && LastError is not null;
}
