using Microsoft.Extensions.Options;
using OneStop.Domain.Notifications;
using OneStop.Domain.Webhooks;

namespace OneStop.Web.Hosting;

/// <summary>
/// Runs <see cref="NotificationDelivery.DeliverDueAsync"/> every OneStop:Notifications:PollSeconds (5 s by
/// default) on the app's <see cref="TimeProvider"/>; off with OneStop:Notifications:Enabled = false. A failed
/// round is logged and the next one carries on; shutdown stops it between rounds (a row being sent is
/// marked before the round ends). Each tick also sends the webhook subscriptions' due deliveries
/// (<see cref="WebhookDispatcher"/>), with the same retries and backoff; a failure of one never stops the other.
/// </summary>
public sealed class NotificationDeliveryService(NotificationDelivery delivery, IOptions<NotificationOptions> options,
    TimeProvider time, ILogger<NotificationDeliveryService> log, WebhookDispatcher? webhooks = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            log.LogInformation("Notification delivery off (OneStop:Notifications:Enabled = false)");
            return;
        }
        log.LogInformation("Notification delivery on: e-mail {Email}, webhook {Webhook}, every {Seconds} s",
            o.EmailConfigured ? o.Smtp.Host : "off", o.WebhookConfigured ? o.WebhookUrl : "off", o.PollSeconds);
        if (o.WebhookConfigured && string.IsNullOrEmpty(o.WebhookSecret))
            log.LogWarning("The notification webhook is unsigned: set OneStop:Notifications:WebhookSecret so the gateway can verify our calls");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, o.PollSeconds)), time);
        try
        {
            do
            {
                try
                {
                    var round = await delivery.DeliverDueAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
                    if (round.Total > 0)
                        log.LogDebug("Notifications: {Sent} sent, {Retrying} to retry, {Failed} failed", round.Sent, round.Retrying, round.Failed);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception e)
                {
                    log.LogWarning(e, "Notification delivery round failed; the next one tries again");
                }
                if (webhooks is not null) try
                {
                    var round = await webhooks.DeliverDueAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
                    if (round.Delivered + round.Retrying + round.Failed > 0)
                        log.LogDebug("Webhooks: {Delivered} delivered, {Retrying} to retry, {Failed} failed, {Paused} paused",
                            round.Delivered, round.Retrying, round.Failed, round.Paused);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception e)
                {
                    log.LogWarning(e, "Webhook delivery round failed; the next one tries again");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
