using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneStop.Domain.Notifications;
using OneStop.Web.Hosting;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Notifications;

/// <summary>The crash edge of the claim, and the background service that runs the loop.</summary>
public sealed class DeliveryEdgeTests
{
    private static OutboxMessage Message(string extra) =>
        new(NotificationKinds.Overdue, "Hồ sơ SNV-261123-0001 đã quá hạn", "Quá hạn 1 ngày làm việc.", 1234, "SNV-261123-0001", extra);

    [Fact]
    public async Task A_row_whose_sender_died_is_sent_again_only_after_its_lease_and_never_beyond_max_attempts()
    {
        await using var hook = new WebhookTestEndpoint();
        using var bed = new NotificationTestBed(o => { o.WebhookUrl = hook.Url.ToString(); o.MaxAttempts = 3; });
        await bed.NotifyAsync(Officer1, Message("1"));
        await bed.NotifyAsync(Officer1, Message("2"));
        var leaseEnd = bed.Now.AddSeconds(bed.Options.LeaseSeconds);
        using (var db = bed.F.Db())
        {
            // Row "1": died on its first attempt. Row "2": died on its last allowed attempt.
            foreach (var (extra, attempts) in new[] { ("1", 1), ("2", 3) })
            {
                var row = db.Notifications.Single(n => n.Channel == NotificationChannel.Webhook && n.DedupeKey.Contains($":{extra}:"));
                row.Attempts = attempts;
                row.NextAttemptAt = leaseEnd;
            }
            db.SaveChanges();
        }

        await bed.Delivery.DeliverDueAsync(leaseEnd.AddSeconds(-1));
        Assert.Equal(0, hook.Calls); // still leased

        await bed.Delivery.DeliverDueAsync(leaseEnd);
        Assert.Equal(1, hook.Calls); // the at-least-once edge: row "1" goes again, once
        var rows = bed.Rows().Where(r => r.Channel == NotificationChannel.Webhook).ToList();
        Assert.Equal((NotificationStatus.Sent, 2), (rows[0].Status, rows[0].Attempts));
        Assert.Equal(NotificationStatus.Failed, rows[1].Status);
        Assert.Contains("never finished", rows[1].LastError);
    }

    [Fact]
    public async Task A_webhook_that_does_not_answer_in_time_is_a_failed_attempt()
    {
        await using var hook = new WebhookTestEndpoint { Delay = TimeSpan.FromSeconds(2) };
        using var bed = new NotificationTestBed(o => { o.WebhookUrl = hook.Url.ToString(); o.WebhookTimeoutSeconds = 0.3; });
        await bed.NotifyAsync(Officer1, Message("1"));

        var started = DateTime.UtcNow;
        Assert.Equal(new DeliveryRound(1, 1, 0), await bed.Delivery.DeliverDueAsync(bed.Now));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1.5), "the round waited for the hung gateway");
        var webhook = bed.Rows().Single(r => r.Channel == NotificationChannel.Webhook);
        Assert.Equal((NotificationStatus.Pending, 1), (webhook.Status, webhook.Attempts));
        Assert.Contains("Timeout", webhook.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(bed.Now.AddSeconds(30), webhook.NextAttemptAt);
    }

    [Fact]
    public async Task A_person_without_an_email_address_fails_at_once_without_retries()
    {
        using var bed = new NotificationTestBed(o => o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = 1, Sender = "onestop@hcc.quangtri.gov.vn" });
        bed.SetEmail(Officer1, "tuan.lm@snv.quangtri.gov.vn");
        await bed.NotifyAsync(Officer1, Message("1"));
        bed.SetEmail(Officer1, ""); // the address was removed before delivery

        Assert.Equal(new DeliveryRound(1, 0, 1), await bed.Delivery.DeliverDueAsync(bed.Now));
        var email = bed.Rows().Single(r => r.Channel == NotificationChannel.Email);
        Assert.Equal((NotificationStatus.Failed, 1), (email.Status, email.Attempts));
        Assert.Contains("no e-mail address", email.LastError);
    }

    [Fact]
    public async Task The_background_service_delivers_due_rows_and_does_nothing_when_disabled()
    {
        await using var smtp = new SmtpTestServer();
        foreach (var enabled in new[] { false, true })
        {
            using var bed = new NotificationTestBed(o =>
            {
                o.Enabled = enabled;
                o.PollSeconds = 0.1;
                o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Sender = "onestop@hcc.quangtri.gov.vn" };
            });
            bed.SetEmail(Officer1, "tuan.lm@snv.quangtri.gov.vn");
            await bed.NotifyAsync(Officer1, Message(enabled ? "on" : "off"));
            var service = new NotificationDeliveryService(bed.Delivery, Options.Create(bed.Options), bed.F.Clock, NullLogger<NotificationDeliveryService>.Instance);
            await service.StartAsync(CancellationToken.None);
            var deadline = DateTime.UtcNow.AddSeconds(enabled ? 5 : 1); // disabled: a second is ten rounds it would have run
            while (DateTime.UtcNow < deadline && !bed.Rows().All(r => r.Status == NotificationStatus.Sent))
                await Task.Delay(50);
            await service.StopAsync(CancellationToken.None);

            Assert.All(bed.Rows(), r => Assert.Equal(enabled ? NotificationStatus.Sent : NotificationStatus.Pending, r.Status));
            Assert.Equal(enabled ? 1 : 0, smtp.Messages.Count);
        }
    }
}
