using System.Text.Json;
using OneStop.Domain.Notifications;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Notifications;

/// <summary>
/// The outbox and its delivery loop against real servers on loopback: a minimal SMTP server and a
/// Kestrel webhook endpoint, over the fixture's migrated SQLite file and a fake clock.
/// </summary>
public sealed class DeliveryTests
{
    private const string Subject = "Hồ sơ SNV-261123-0001 đã chuyển đến bạn: “Tặng Bằng khen” — hạn xử lý thứ Sáu";
    private const string Body = "Kính gửi ông Lê Minh Tuấn,\r\nHồ sơ của ông Nguyễn Văn An đang chờ thẩm định.\r\nHạn: 17:00 ngày 27/11/2026. Trân trọng.";

    private static OutboxMessage Handover(string extra = "2") =>
        new(NotificationKinds.HandOver, Subject, Body, DossierId: 1234, DossierCode: "SNV-261123-0001", Extra: extra);

    [Fact]
    public async Task An_email_reaches_a_real_smtp_server_with_its_vietnamese_subject_and_body()
    {
        await using var smtp = new SmtpTestServer();
        using var bed = new NotificationTestBed(o => o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Sender = "onestop@hcc.quangtri.gov.vn", SenderName = "Trung tâm Phục vụ HCC" });
        bed.SetEmail(Officer1, "tuan.lm@snv.quangtri.gov.vn");

        var rows = await bed.NotifyAsync(Officer1, Handover());
        Assert.Equal([NotificationChannel.InApp, NotificationChannel.Email], rows.Select(r => r.Channel));
        Assert.Equal($"handover:1234:2:Email:{Officer1}", rows[1].DedupeKey);

        var round = await bed.Delivery.DeliverDueAsync(bed.Now);

        Assert.Equal(new DeliveryRound(2, 0, 0), round);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["tuan.lm@snv.quangtri.gov.vn"], mail.Recipients);
        Assert.Contains("tuan.lm@snv.quangtri.gov.vn", mail.Headers["To"]);
        Assert.Equal("Lê Minh Tuấn", ReceivedMail.DecodeWords(mail.Headers["To"].Split('<')[0].Trim().Trim('"')));
        Assert.Equal("onestop@hcc.quangtri.gov.vn", mail.From);
        Assert.Equal(Subject, mail.Subject);
        Assert.Equal(Body, mail.Body);
        Assert.Equal(rows[1].DedupeKey, mail.Headers["X-OneStop-Notification"]);
        Assert.All(bed.Rows(), r => { Assert.Equal(NotificationStatus.Sent, r.Status); Assert.Equal(bed.Now, r.SentAt); Assert.Null(r.NextAttemptAt); });
        Assert.Equal(1, bed.Rows().Single(r => r.Channel == NotificationChannel.Email).Attempts);
    }

    [Fact]
    public async Task A_refused_email_is_retried_after_the_backoff_and_then_sent_once()
    {
        await using var smtp = new SmtpTestServer { FailNext = 1 };
        using var bed = new NotificationTestBed(o => o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Sender = "onestop@hcc.quangtri.gov.vn" });
        bed.SetEmail(Officer1, "tuan.lm@snv.quangtri.gov.vn");
        await bed.NotifyAsync(Officer1, Handover());
        var start = bed.Now;

        Assert.Equal(new DeliveryRound(1, 1, 0), await bed.Delivery.DeliverDueAsync(start));
        var email = bed.Rows().Single(r => r.Channel == NotificationChannel.Email);
        Assert.Equal(NotificationStatus.Pending, email.Status);
        Assert.Equal(1, email.Attempts);
        Assert.Contains("451", email.LastError);
        Assert.Equal(start.AddSeconds(30), email.NextAttemptAt);

        Assert.Equal(0, (await bed.Delivery.DeliverDueAsync(start.AddSeconds(29))).Total);
        Assert.Empty(smtp.Messages);
        Assert.Equal(new DeliveryRound(1, 0, 0), await bed.Delivery.DeliverDueAsync(start.AddSeconds(30)));
        Assert.Single(smtp.Messages);
        email = bed.Rows().Single(r => r.Channel == NotificationChannel.Email);
        Assert.Equal((NotificationStatus.Sent, 2, (string?)null), (email.Status, email.Attempts, email.LastError));
    }

    [Fact]
    public async Task With_a_secret_the_notification_webhook_is_signed_as_the_readme_says_and_a_wrong_secret_is_refused()
    {
        // The integrator's receiver from the webhook subscription tests, written from the README alone.
        await using var receiver = new OneStop.Tests.Webhooks.SigningReceiver { Secret = "gateway-secret-2026" };
        using var bed = new NotificationTestBed(o => { o.WebhookUrl = receiver.Url.ToString(); o.WebhookSecret = "gateway-secret-2026"; o.MaxAttempts = 1; });
        var rows = await bed.NotifyAsync(Officer1, Handover());
        Assert.Equal(new DeliveryRound(2, 0, 0), await bed.Delivery.DeliverDueAsync(bed.Now));
        var signed = Assert.Single(receiver.Log);
        Assert.Equal(204, signed.Answer);
        Assert.Equal(rows[1].DedupeKey, signed.Headers["X-OneStop-Delivery"]);
        Assert.Equal("notification.handover", signed.Headers["X-OneStop-Event"]);
        Assert.Equal("handover", System.Text.Json.JsonDocument.Parse(signed.Body).RootElement.GetProperty("kind").GetString());
        // Tampered on the way: the receiver refuses it.
        var changed = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(signed.Body).Replace("handover", "refusal"));
        Assert.Equal(401, await receiver.ReplayAsync(signed, changed));

        // The gateway holds another secret: refused, and the row says the delivery failed.
        receiver.Secret = "someone-elses-secret";
        await bed.NotifyAsync(Officer1, Handover("3"));
        await bed.Delivery.DeliverDueAsync(bed.Now);
        Assert.Equal(401, receiver.Log[^1].Answer);
        Assert.Contains(bed.Rows(), r => r.Channel == NotificationChannel.Webhook && r.Status == NotificationStatus.Failed && r.LastError!.Contains("401"));
    }

    [Fact]
    public async Task A_webhook_receives_the_notification_as_json()
    {
        await using var hook = new WebhookTestEndpoint();
        using var bed = new NotificationTestBed(o => o.WebhookUrl = hook.Url.ToString());
        using (var db = bed.F.Db())
        {
            var officer = db.Staff.Find(Officer1)!;
            officer.Phone = "0912 345 678";
            officer.Email = "tuan.lm@snv.quangtri.gov.vn"; // no SMTP configured: no e-mail row even so
            db.SaveChanges();
        }

        var rows = await bed.NotifyAsync(Officer1, Handover());
        Assert.Equal([NotificationChannel.InApp, NotificationChannel.Webhook], rows.Select(r => r.Channel));
        Assert.Equal(new DeliveryRound(2, 0, 0), await bed.Delivery.DeliverDueAsync(bed.Now));

        var (body, key) = Assert.Single(hook.Received);
        var json = body.RootElement;
        Assert.Equal("handover", json.GetProperty("kind").GetString());
        Assert.Equal(Subject, json.GetProperty("subject").GetString());
        Assert.Equal(Body, json.GetProperty("body").GetString());
        Assert.Equal("SNV-261123-0001", json.GetProperty("dossierCode").GetString());
        var recipient = json.GetProperty("recipient");
        Assert.Equal(Officer1, recipient.GetProperty("id").GetInt32());
        Assert.Equal("Lê Minh Tuấn", recipient.GetProperty("name").GetString());
        Assert.Equal("0912 345 678", recipient.GetProperty("phone").GetString());
        Assert.Equal("tuan.lm@snv.quangtri.gov.vn", recipient.GetProperty("email").GetString());
        Assert.Equal(bed.Now, json.GetProperty("createdAt").GetDateTime().ToUniversalTime());
        Assert.Equal(rows[1].DedupeKey, key);
        Assert.Equal(NotificationStatus.Sent, bed.Rows().Single(r => r.Channel == NotificationChannel.Webhook).Status);
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_with_backoff_and_ends_failed_after_max_attempts()
    {
        await using var hook = new WebhookTestEndpoint { Status = 500 };
        using var bed = new NotificationTestBed(o => o.WebhookUrl = hook.Url.ToString());
        await bed.NotifyAsync(Officer1, Handover());
        var now = bed.Now;
        Notification Webhook() => bed.Rows().Single(r => r.Channel == NotificationChannel.Webhook);

        // Attempts 1..4 fail and wait 30 s, 60 s, 120 s, 240 s; nothing is tried a second early.
        foreach (var (attempt, wait) in new[] { (1, 30), (2, 60), (3, 120), (4, 240) })
        {
            await bed.Delivery.DeliverDueAsync(now);
            Assert.Equal(attempt, hook.Calls);
            var row = Webhook();
            Assert.Equal((NotificationStatus.Pending, attempt), (row.Status, row.Attempts));
            Assert.Equal(now.AddSeconds(wait), row.NextAttemptAt);
            Assert.Contains("500", row.LastError);
            Assert.Equal(0, (await bed.Delivery.DeliverDueAsync(now.AddSeconds(wait - 1))).Total);
            Assert.Equal(attempt, hook.Calls);
            now = now.AddSeconds(wait);
        }

        Assert.Equal(new DeliveryRound(0, 0, 1), await bed.Delivery.DeliverDueAsync(now));
        var failed = Webhook();
        Assert.Equal((NotificationStatus.Failed, 5), (failed.Status, failed.Attempts));
        Assert.Null(failed.NextAttemptAt);
        Assert.Contains("500", failed.LastError);
        Assert.Contains("gateway down", failed.LastError);

        Assert.Equal(0, (await bed.Delivery.DeliverDueAsync(now.AddDays(1))).Total);
        Assert.Equal(5, hook.Calls);
    }

    [Fact]
    public async Task The_same_dedupe_key_twice_gives_one_row()
    {
        await using var hook = new WebhookTestEndpoint();
        using var bed = new NotificationTestBed(o => o.WebhookUrl = hook.Url.ToString());

        Assert.Equal(2, (await bed.NotifyAsync(Officer1, Handover())).Count);
        Assert.Empty(await bed.NotifyAsync(Officer1, Handover()));            // committed before: skipped
        await using (var db = bed.F.Db())                                     // twice in one unit of work
        {
            Assert.Equal(2, (await bed.Outbox.AddAsync(db, Officer1, Handover("3"))).Count);
            Assert.Empty(await bed.Outbox.AddAsync(db, Officer1, Handover("3")));
            await bed.Outbox.SaveAsync(db);
        }
        // Two writers racing: both read "absent", the second commit meets the unique index and takes it as "already there".
        await using (var a = bed.F.Db())
        await using (var b = bed.F.Db())
        {
            Assert.Equal(2, (await bed.Outbox.AddAsync(a, Officer1, Handover("4"))).Count);
            Assert.Equal(2, (await bed.Outbox.AddAsync(b, Officer1, Handover("4"))).Count);
            await bed.Outbox.AddAsync(b, Officer2, Handover("4"));             // saved with the duplicates, must survive
            Assert.Equal(2, await bed.Outbox.SaveAsync(a));
            Assert.Equal(2, await bed.Outbox.SaveAsync(b));
        }

        var keys = bed.Rows().Select(r => r.DedupeKey).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.Equal(8, keys.Count);
        Assert.Equal(2, keys.Count(k => k.EndsWith($":{Officer2}")));
    }

    [Fact]
    public async Task Running_the_delivery_loop_twice_or_concurrently_sends_each_message_once()
    {
        await using var smtp = new SmtpTestServer();
        await using var hook = new WebhookTestEndpoint();
        using var bed = new NotificationTestBed(o =>
        {
            o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Sender = "onestop@hcc.quangtri.gov.vn" };
            o.WebhookUrl = hook.Url.ToString();
            o.BatchSize = 3;
        });
        bed.SetEmail(Officer1, "tuan.lm@snv.quangtri.gov.vn");
        bed.SetEmail(Leader1, "dung.hv@snv.quangtri.gov.vn");
        for (var i = 0; i < 4; i++)
        {
            await bed.NotifyAsync(Officer1, Handover(i.ToString()));
            await bed.NotifyAsync(Leader1, Handover(i.ToString()) with { Kind = NotificationKinds.HandOverLeader });
        }
        await bed.NotifyAsync(Officer1, Handover("0")); // a job that ran twice

        var rounds = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => bed.Delivery.DeliverDueAsync(bed.Now))));
        var again = await bed.Delivery.DeliverDueAsync(bed.Now.AddHours(1));

        Assert.Equal(24, rounds.Sum(r => r.Sent));
        Assert.Equal(0, again.Total);
        Assert.Equal(8, smtp.Messages.Count);
        Assert.Equal(8, smtp.Messages.Select(m => m.Headers["X-OneStop-Notification"]).Distinct().Count());
        Assert.Equal(8, hook.Calls);
        Assert.Equal(8, hook.Received.Select(r => r.Key).Distinct().Count());
        Assert.All(bed.Rows(), r => Assert.Equal((NotificationStatus.Sent, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task Channels_follow_configuration_and_the_persons_address()
    {
        using var bed = new NotificationTestBed(o => o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = 1, Sender = "onestop@hcc.quangtri.gov.vn" });
        bed.SetEmail(Officer1, "tuan.lm@snv.quangtri.gov.vn");
        Assert.Equal([NotificationChannel.InApp, NotificationChannel.Email], (await bed.NotifyAsync(Officer1, Handover())).Select(r => r.Channel));
        Assert.Equal([NotificationChannel.InApp], (await bed.NotifyAsync(Officer2, Handover())).Select(r => r.Channel));
    }
}
