using System.Text.Json;
using System.Text.Json.Serialization;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Ingestion;

namespace OneStop.Domain.Webhooks;

/// <summary>
/// The JSON body of a delivery. Personal data is kept to what the receiver needs for the event: the dossier code, its
/// status, appointment and how the result is handed over for every event; the applicant's phone number only in
/// "dossier.result-ready", the one event an SMS or Zalo gateway turns into a message to the applicant ("come to the
/// counter" / "it is on its way by post"). Never the applicant's name, ID number or address: the gateway does not need
/// them to send a message, and the post office already holds the postal address on its own consignment.
/// </summary>
public sealed record WebhookPayload(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("occurredAt")] DateTime OccurredAt,
    [property: JsonPropertyName("dossier")] WebhookDossier Dossier,
    [property: JsonPropertyName("applicant"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebhookApplicant? Applicant)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Vietnamese as UTF-8, not \u escapes: receivers log bodies, and people read those logs.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WebhookPayload For(Guid id, WebhookEvents kind, Dossier d, DossierEvent e) => new(
        id, WebhookEventNames.Of(kind), e.At,
        new WebhookDossier(
            d.Code,
            WireNames.Of(d.Status),
            d.AppointmentAt,
            WireNames.Of(d.ResultDelivery),
            kind == WebhookEvents.Returned && d.ResultDelivery == ResultDelivery.Post ? d.PostalTrackingNumber : null,
            kind is WebhookEvents.Overdue or WebhookEvents.Escalated ? DeadlineText(d.DeadlineClass) : null,
            kind == WebhookEvents.Escalated ? d.EscalationLevel : null),
        kind == WebhookEvents.ResultReady && !string.IsNullOrWhiteSpace(d.ApplicantPhone) ? new WebhookApplicant(d.ApplicantPhone) : null);

    private static string DeadlineText(Deadlines.DeadlineClass c) => c switch
    {
        Deadlines.DeadlineClass.OnTrack => "on-track",
        Deadlines.DeadlineClass.DueSoon => "due-soon",
        _ => "overdue",
    };
}

public sealed record WebhookDossier(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("appointmentAt")] DateTime AppointmentAt,
    /// <summary>"counter" (the applicant comes for it) or "post" (it is sent to them).</summary>
    [property: JsonPropertyName("resultDelivery")] string ResultDelivery,
    [property: JsonPropertyName("postalTrackingNumber"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PostalTrackingNumber,
    [property: JsonPropertyName("deadline"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Deadline,
    /// <summary>1 due soon (the handler told), 2 overdue (the leader told), 3 overdue for days (the director told).</summary>
    [property: JsonPropertyName("escalationLevel"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? EscalationLevel);

public sealed record WebhookApplicant([property: JsonPropertyName("phone")] string Phone);
