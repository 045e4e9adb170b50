using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using OneStop.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace OneStop.Domain.Notifications;

/// <summary>What the webhook receives (an SMS or Zalo gateway turns it into a message).</summary>
public sealed record WebhookPayload(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("dossierCode")] string? DossierCode,
    [property: JsonPropertyName("recipient")] WebhookRecipient? Recipient,
    [property: JsonPropertyName("createdAt")] DateTime CreatedAt);

public sealed record WebhookRecipient(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("email")] string? Email);

/// <summary>
/// POSTs a notification as JSON to OneStop:Notifications:WebhookUrl, signed with OneStop:Notifications:WebhookSecret
/// when one is set; any non-2xx answer is a failure.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<NotificationOptions> options)
{
    public const string ClientName = "onestop-notifications-webhook";

    public async Task SendAsync(Notification n, WebhookRecipient? recipient, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.WebhookConfigured) throw new InvalidOperationException("The webhook is not configured (OneStop:Notifications:WebhookUrl).");
        var payload = new WebhookPayload(n.Kind, n.Subject, n.Body, n.DossierCode, recipient, n.CreatedAt);
        var http = clients.CreateClient(ClientName);
        http.Timeout = TimeSpan.FromSeconds(o.WebhookTimeoutSeconds);
        // The exact bytes that are signed are the bytes that are sent.
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, o.WebhookUrl) { Content = content };
        request.Headers.Add("X-OneStop-Notification", n.DedupeKey);
        if (!string.IsNullOrEmpty(o.WebhookSecret))
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(); // the receiver's replay window is on real time
            request.Headers.Add(WebhookSignature.DeliveryHeader, n.DedupeKey);
            request.Headers.Add(WebhookSignature.EventHeader, "notification." + n.Kind);
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(o.WebhookSecret, timestamp, body));
        }
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (text.Length > 200) text = text[..200];
            throw new HttpRequestException($"Webhook answered {(int)response.StatusCode} {response.ReasonPhrase}: {text}".TrimEnd(' ', ':'), null, response.StatusCode);
        }
    }
}
