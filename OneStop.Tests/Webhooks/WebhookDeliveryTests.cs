using System.Net;
using System.Text;
using System.Text.Json;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using OneStop.Domain.Webhooks;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Webhooks;

public sealed class WebhookDeliveryTests : IDisposable
{
    private readonly WebhookTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private async Task<NewWebhookSubscription> SubscribeAsync(Uri url, WebhookEvents events = WebhookEvents.All) =>
        await _bed.Subscriptions.CreateAsync("Tổng đài SMS", url.ToString(), events, WebhookTestBed.Admin, "Trương Công Minh");

    /// <summary>Receive, hand over to the officer, approve by the leader: the result is ready at the counter.</summary>
    private async Task<Dossier> ResultReadyAsync(ResultDelivery delivery = ResultDelivery.Counter)
    {
        var w = _bed.F.Workflow;
        var d = await w.ReceiveAsync(ValidIntake(delivery: delivery), Postal1);
        d = await w.HandOverAsync(d.Code, d.Version, Postal1, Officer1);
        d = await w.HandOverAsync(d.Code, d.Version, Officer1, null);
        d = await w.HandOverAsync(d.Code, d.Version, Officer1, null);
        d = await w.ApproveAsync(d.Code, d.Version, Leader1);
        return d;
    }

    [Fact]
    public async Task A_delivery_is_signed_so_an_independent_receiver_accepts_it_and_refuses_a_replay_or_a_tampered_copy()
    {
        await using var receiver = new SigningReceiver();
        var created = await SubscribeAsync(receiver.Url, WebhookEvents.ResultReady);
        receiver.Secret = created.Secret;
        var d = await ResultReadyAsync();

        var round = await _bed.Dispatcher().DeliverDueAsync(_bed.Now);

        Assert.Equal(1, round.Delivered);
        var got = Assert.Single(receiver.Log);
        Assert.Equal(204, got.Answer);
        Assert.Equal("dossier.result-ready", got.Headers["X-OneStop-Event"]);
        using var json = JsonDocument.Parse(got.Body);
        Assert.Equal(d.Code, json.RootElement.GetProperty("dossier").GetProperty("code").GetString());
        Assert.Equal("counter", json.RootElement.GetProperty("dossier").GetProperty("resultDelivery").GetString());
        Assert.Equal("0912345678", json.RootElement.GetProperty("applicant").GetProperty("phone").GetString());
        Assert.False(json.RootElement.GetProperty("applicant").TryGetProperty("name", out _));
        Assert.Equal(got.Headers["X-OneStop-Delivery"], json.RootElement.GetProperty("id").GetString());
        var row = Assert.Single(_bed.Deliveries());
        Assert.Equal(WebhookDeliveryStatus.Delivered, row.Status);
        Assert.Equal(1, row.Attempts);

        // Tampered: the same headers over another body.
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(got.Body).Replace("counter", "post"));
        Assert.Equal(401, await receiver.ReplayAsync(got, tampered));
        // Replayed six minutes later: the signature is right, the timestamp too old.
        receiver.Clock = () => DateTimeOffset.UtcNow.AddMinutes(6);
        Assert.Equal(401, await receiver.ReplayAsync(got));
        // And within the window the untouched copy still verifies (so the two refusals above are the rules, not noise).
        receiver.Clock = () => DateTimeOffset.UtcNow;
        Assert.Equal(204, await receiver.ReplayAsync(got));
    }

    [Fact]
    public async Task Only_result_ready_carries_the_applicants_phone_and_only_subscribed_events_are_queued()
    {
        await using var receiver = new SigningReceiver();
        await SubscribeAsync(receiver.Url, WebhookEvents.Received | WebhookEvents.HandedOver);
        await ResultReadyAsync();

        var rows = _bed.Deliveries();
        Assert.Equal(["dossier.received", "dossier.handed-over", "dossier.handed-over", "dossier.handed-over"], rows.Select(r => r.Event));
        Assert.All(rows, r => Assert.DoesNotContain("0912345678", r.Body));
        Assert.All(rows, r => Assert.DoesNotContain("Nguyễn Văn An", r.Body));
    }

    [Fact]
    public async Task A_crash_between_the_commit_and_the_send_loses_nothing()
    {
        await using var receiver = new SigningReceiver();
        receiver.Secret = (await SubscribeAsync(receiver.Url, WebhookEvents.Received)).Secret;
        // The dossier and its delivery commit; the process "dies" before any loop ran (no dispatcher existed yet).
        var d = await _bed.F.Workflow.ReceiveAsync(ValidIntake(), Postal1);
        Assert.Equal(WebhookDeliveryStatus.Pending, Assert.Single(_bed.Deliveries()).Status);

        // It also dies after claiming an attempt: the row waits out the lease, then is sent by the restarted loop.
        await using (var db = _bed.F.Db())
        {
            var row = db.WebhookDeliveries.Single();
            row.Attempts = 1;
            row.NextAttemptAt = _bed.Now.AddSeconds(_bed.NotificationOptions.LeaseSeconds);
            await db.SaveChangesAsync();
        }
        Assert.Equal(0, (await _bed.Dispatcher().DeliverDueAsync(_bed.Now)).Delivered);
        _bed.F.Clock.Advance(TimeSpan.FromSeconds(_bed.NotificationOptions.LeaseSeconds + 1));
        var round = await _bed.Dispatcher().DeliverDueAsync(_bed.Now);

        Assert.Equal(1, round.Delivered);
        var got = Assert.Single(receiver.Log);
        Assert.Equal(204, got.Answer);
        Assert.Contains(d.Code, Encoding.UTF8.GetString(got.Body));
    }

    [Fact]
    public async Task A_rolled_back_change_queues_nothing()
    {
        await using var receiver = new SigningReceiver();
        await SubscribeAsync(receiver.Url);
        var d = await _bed.F.Workflow.ReceiveAsync(ValidIntake(), Postal1);
        // A stale version: the workflow refuses, nothing of the action is saved.
        await Assert.ThrowsAsync<DossierConcurrencyException>(() => _bed.F.Workflow.HandOverAsync(d.Code, d.Version + 5, Postal1, Officer1));
        Assert.Equal(["dossier.received"], _bed.Deliveries().Select(r => r.Event));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_the_outbox_backoff_then_paused_and_the_admin_is_told()
    {
        await using var receiver = new SigningReceiver { Status = 503 };
        var created = await SubscribeAsync(receiver.Url, WebhookEvents.Received);
        receiver.Secret = created.Secret;
        await _bed.F.Workflow.ReceiveAsync(ValidIntake(), Postal1);
        var dispatcher = _bed.Dispatcher();

        await dispatcher.DeliverDueAsync(_bed.Now);
        var row = Assert.Single(_bed.Deliveries());
        Assert.Equal(WebhookDeliveryStatus.Pending, row.Status);
        Assert.True(row.Failing);
        Assert.Equal(503, row.LastStatusCode);
        Assert.StartsWith("HTTP 503", row.LastError);
        Assert.Equal(_bed.Now + _bed.NotificationOptions.Backoff(1), row.NextAttemptAt);
        // Not due before the backoff ends.
        Assert.Equal(0, (await dispatcher.DeliverDueAsync(_bed.Now.AddSeconds(1))).Retrying);

        for (var i = 2; i <= _bed.Options.PauseAfterFailures; i++)
        {
            _bed.F.Clock.Advance(_bed.NotificationOptions.Backoff(i - 1));
            await dispatcher.DeliverDueAsync(_bed.Now);
        }
        var s = _bed.Subscription(created.Subscription.Id);
        Assert.NotNull(s.PausedAt);
        Assert.Equal(3, receiver.Log.Count);
        _bed.F.Clock.Advance(TimeSpan.FromHours(2));
        await dispatcher.DeliverDueAsync(_bed.Now);
        Assert.Equal(3, receiver.Log.Count); // paused: nothing more is sent

        await using (var db = _bed.F.Db())
        {
            var told = Assert.Single(db.Notifications.Where(n => n.RecipientId == WebhookTestBed.Admin && n.Channel == NotificationChannel.InApp));
            Assert.Equal(WebhookDispatcher.PausedKind, told.Kind);
            Assert.Contains("Tổng đài SMS", told.Subject);
            Assert.Contains(db.AuditEntries, a => a.Area == WebhookSubscriptions.AuditArea && a.Action == "auto-pause");
        }

        // Resume: the waiting delivery goes out at once.
        receiver.Status = 204;
        await _bed.Subscriptions.ResumeAsync(s.Id, WebhookTestBed.Admin, "Trương Công Minh");
        Assert.Equal(1, (await dispatcher.DeliverDueAsync(_bed.Now)).Delivered);
        Assert.Equal(0, _bed.Subscription(s.Id).ConsecutiveFailures);
    }

    [Fact]
    public async Task At_send_time_a_name_that_now_resolves_to_a_private_address_is_refused_before_connecting()
    {
        _bed.Options.AllowPrivateTargets = false;
        _bed.Dns["sms.example.vn"] = [IPAddress.Parse("203.0.113.10")];
        var created = await _bed.Subscriptions.CreateAsync("Tổng đài SMS", "http://sms.example.vn/hook", WebhookEvents.Received, WebhookTestBed.Admin, "Trương Công Minh");
        Assert.NotNull(created.Secret);
        await _bed.F.Workflow.ReceiveAsync(ValidIntake(), Postal1);

        // DNS rebinding: the same name now answers an internal address.
        _bed.Dns["sms.example.vn"] = [IPAddress.Parse("10.0.0.7")];
        await _bed.Dispatcher().DeliverDueAsync(_bed.Now);

        var row = Assert.Single(_bed.Deliveries());
        Assert.Equal(WebhookDeliveryStatus.Pending, row.Status);
        Assert.StartsWith("Refused:", row.LastError);
        Assert.Contains("10.0.0.7", row.LastError);
    }

    [Fact]
    public async Task At_send_time_a_loopback_subscription_made_while_private_targets_were_allowed_is_refused_and_the_receiver_gets_nothing()
    {
        await using var receiver = new SigningReceiver();
        await SubscribeAsync(receiver.Url, WebhookEvents.Received);
        _bed.Options.AllowPrivateTargets = false;
        await _bed.F.Workflow.ReceiveAsync(ValidIntake(), Postal1);

        await _bed.Dispatcher().DeliverDueAsync(_bed.Now);

        Assert.Empty(receiver.Log);
        Assert.StartsWith("Refused:", Assert.Single(_bed.Deliveries()).LastError);
    }
}
