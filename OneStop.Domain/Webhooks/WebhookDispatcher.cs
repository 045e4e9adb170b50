using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneStop.Domain.Audit;
using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Webhooks;

/// <summary>What one round of <see cref="WebhookDispatcher.DeliverDueAsync"/> did.</summary>
public sealed record WebhookRound(int Delivered, int Retrying, int Failed, int Paused);

/// <summary>
/// Sends due deliveries, signed, with the notification outbox's rules: a row is claimed by a conditional UPDATE that
/// bumps Attempts and sets a lease (one sender per attempt, even across processes); a failure waits
/// NotificationOptions.Backoff(attempts) and after MaxAttempts the row is Failed. A crash after the claim leaves the
/// row to come due again when the lease ends (at-least-once: receivers drop repeats by X-OneStop-Delivery).
/// A subscription that fails PauseAfterFailures times in a row is paused and every active admin is told through the
/// in-app notifications; its deliveries wait until someone resumes it.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<OneStopDbContext> contexts,
    IOptions<NotificationOptions> notificationOptions,
    IOptions<WebhookOptions> webhookOptions,
    WebhookSecrets secrets,
    WebhookTargetGuard guard,
    IHttpClientFactory clients,
    NotificationOutbox outbox,
    ILogger<WebhookDispatcher>? log = null)
{
    public const string PausedKind = "webhook-paused";
    private readonly ILogger _log = (ILogger?)log ?? NullLogger.Instance;
    private NotificationOptions O => notificationOptions.Value;

    public async Task<WebhookRound> DeliverDueAsync(DateTime now, CancellationToken ct = default)
    {
        now = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        int delivered = 0, retrying = 0, failed = 0, paused = 0;
        var seen = new HashSet<long>();
        var pausedNow = new HashSet<int>();
        while (!ct.IsCancellationRequested)
        {
            List<WebhookDelivery> due;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                due = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Subscription)
                    .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
                                && d.Subscription!.PausedAt == null && d.Subscription.RemovedAt == null)
                    .OrderBy(d => d.Id).Take(O.BatchSize).ToListAsync(ct);
            }
            due.RemoveAll(d => !seen.Add(d.Id));
            if (due.Count == 0) break;
            foreach (var d in due)
            {
                // A subscription paused earlier in this round: leave the rest of its rows waiting.
                if (pausedNow.Contains(d.SubscriptionId)) continue;
                var outcome = await DeliverOneAsync(d, now, ct);
                if (outcome is Outcome.RetryingAndPaused or Outcome.FailedAndPaused) pausedNow.Add(d.SubscriptionId);
                switch (outcome)
                {
                    case Outcome.Delivered: delivered++; break;
                    case Outcome.Retrying: retrying++; break;
                    case Outcome.Failed: failed++; break;
                    case Outcome.RetryingAndPaused: retrying++; paused++; break;
                    case Outcome.FailedAndPaused: failed++; paused++; break;
                }
            }
        }
        return new WebhookRound(delivered, retrying, failed, paused);
    }

    private enum Outcome { Lost, Delivered, Retrying, Failed, RetryingAndPaused, FailedAndPaused }

    private async Task<Outcome> DeliverOneAsync(WebhookDelivery d, DateTime now, CancellationToken ct)
    {
        if (d.Attempts >= O.MaxAttempts)
            return await FailAsync(d, d.Attempts, now, d.LastError ?? "Gave up: the last attempt never finished (the process stopped while sending).", null, ct);
        if (!await ClaimAsync(d, now, ct)) return Outcome.Lost;
        var attempts = d.Attempts + 1;
        int? status = null;
        try
        {
            status = await SendAsync(d, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var error = Describe(e);
            _log.LogWarning("Webhook delivery {Id} to subscription {Subscription} attempt {Attempts} failed: {Error}", d.DeliveryId, d.SubscriptionId, attempts, error);
            return await FailAsync(d, attempts, now, error, (e as WebhookAnswerException)?.Status, ct);
        }
        await SucceedAsync(d, now, status!.Value, CancellationToken.None);
        return Outcome.Delivered;
    }

    /// <summary>Claims one attempt: bump Attempts and set the lease, only if nobody else did since we read the row.</summary>
    private async Task<bool> ClaimAsync(WebhookDelivery d, DateTime now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lease = now.AddSeconds(O.LeaseSeconds);
        var attempts = d.Attempts;
        return await db.WebhookDeliveries.Where(x => x.Id == d.Id && x.Status == WebhookDeliveryStatus.Pending && x.Attempts == attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.NextAttemptAt, lease)
                .SetProperty(x => x.LastAttemptAt, now), ct) == 1;
    }

    /// <summary>One signed POST; returns the 2xx status, throws for anything else.</summary>
    private async Task<int> SendAsync(WebhookDelivery d, CancellationToken ct)
    {
        var s = d.Subscription!;
        var uri = new Uri(s.Url);
        guard.CheckAtSend(uri);
        var secret = secrets.Unprotect(s.ProtectedSecret);
        var body = Encoding.UTF8.GetBytes(d.Body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.DeliveryHeader, d.DeliveryId.ToString());
        request.Headers.Add(WebhookSignature.EventHeader, d.Event);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.UserAgent.ParseAdd("OneStop-Webhooks/1");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(O.WebhookTimeoutSeconds));
        var http = clients.CreateClient(WebhookHttp.ClientName);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode) return (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (text.Length > 200) text = text[..200];
            throw new WebhookAnswerException((int)response.StatusCode, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {text}".TrimEnd(' ', ':'));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer within {O.WebhookTimeoutSeconds} s.");
        }
    }

    private async Task SucceedAsync(WebhookDelivery d, DateTime now, int status, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.WebhookDeliveries.FirstAsync(x => x.Id == d.Id, ct);
        row.Status = WebhookDeliveryStatus.Delivered;
        row.DeliveredAt = now;
        row.NextAttemptAt = null;
        row.LastStatusCode = status;
        row.LastError = null;
        var s = await db.WebhookSubscriptions.FirstAsync(x => x.Id == d.SubscriptionId, ct);
        s.ConsecutiveFailures = 0;
        s.LastDeliveredAt = now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records a failed attempt: retry after the backoff or give up, count it against the subscription, and at the
    /// threshold pause it, audit that and tell the admins, all in one transaction.
    /// </summary>
    private async Task<Outcome> FailAsync(WebhookDelivery d, int attempts, DateTime now, string error, int? status, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.WebhookDeliveries.FirstAsync(x => x.Id == d.Id, ct);
        var final = attempts >= O.MaxAttempts;
        row.LastError = error.Length > 500 ? error[..500] : error;
        row.LastStatusCode = status;
        row.Status = final ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
        row.NextAttemptAt = final ? null : now + O.Backoff(attempts);
        var s = await db.WebhookSubscriptions.FirstAsync(x => x.Id == d.SubscriptionId, ct);
        s.ConsecutiveFailures++;
        var pause = s.PausedAt is null && s.RemovedAt is null && s.ConsecutiveFailures >= Math.Max(1, webhookOptions.Value.PauseAfterFailures);
        if (pause)
        {
            s.PausedAt = now;
            var reason = $"Tự động tạm dừng sau {s.ConsecutiveFailures} lần gửi lỗi liên tiếp. Lỗi cuối: {row.LastError}";
            s.PausedReason = reason.Length > 500 ? reason[..500] : reason;
            AuditLog.Add(db, now, null, "Hệ thống", WebhookSubscriptions.AuditArea, "auto-pause", WebhookSubscriptions.Subject(s), s.PausedReason);
            var admins = await db.Staff.AsNoTracking().Where(x => x.Active && x.Role == StaffRole.Admin).ToListAsync(ct);
            var message = new OutboxMessage(PausedKind, $"Webhook «{s.Name}» đã tạm dừng",
                $"Địa chỉ {s.Url} lỗi {s.ConsecutiveFailures} lần liên tiếp nên đã tạm dừng gửi. Lỗi cuối: {row.LastError}. " +
                "Kiểm tra bên nhận rồi bấm «Tiếp tục» tại /settings/webhooks; các lượt gửi đang chờ sẽ được gửi lại.")
            { KeyPrefix = $"{PausedKind}:{s.Id}:{now:yyyyMMddHHmmss}" };
            foreach (var admin in admins) await outbox.AddAsync(db, admin, message, ct);
        }
        await db.SaveChangesAsync(ct);
        if (pause)
        {
            outbox.CommittedIn(db);
            _log.LogWarning("Webhook subscription {Id} paused after {Failures} failures in a row", s.Id, s.ConsecutiveFailures);
        }
        return (final, pause) switch
        {
            (true, true) => Outcome.FailedAndPaused,
            (true, false) => Outcome.Failed,
            (false, true) => Outcome.RetryingAndPaused,
            _ => Outcome.Retrying,
        };
    }

    private static string Describe(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is WebhookTargetRefusedException refused) return "Refused: " + refused.Message;
        var text = e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;
        return e is WebhookAnswerException ? e.Message : $"{e.GetType().Name}: {text}";
    }

    private sealed class WebhookAnswerException(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
