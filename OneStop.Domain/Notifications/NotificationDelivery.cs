using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Notifications;

/// <summary>What one round of <see cref="NotificationDelivery.DeliverDueAsync"/> did.</summary>
public sealed record DeliveryRound(int Sent, int Retrying, int Failed)
{
    public int Total => Sent + Retrying + Failed;
}

/// <summary>
/// Delivers due outbox rows. In-app rows are Sent at once (the bell reads them). E-mail and webhook
/// rows are claimed one by one before sending: a conditional UPDATE that bumps Attempts and pushes
/// NextAttemptAt to a lease, which succeeds only if Attempts is still what this round read, so two
/// rounds (or two processes) never both send a row. Success marks the row Sent right after the send.
///
/// The one at-least-once edge: if the process dies after the server accepted the message and before
/// the row is marked Sent, the lease runs out and that one message is sent again (the claim already
/// counted the attempt, so a crash loop still ends at MaxAttempts). The receiving side can
/// recognise the repeat by the X-OneStop-Notification header (the DedupeKey) on both channels.
/// </summary>
public sealed class NotificationDelivery(
    IDbContextFactory<OneStopDbContext> contexts,
    IOptions<NotificationOptions> options,
    EmailSender email,
    WebhookSender webhook,
    NotificationSignal signal,
    ILogger<NotificationDelivery>? log = null)
{
    private readonly ILogger _log = (ILogger?)log ?? NullLogger.Instance;
    private NotificationOptions O => options.Value;

    /// <summary>Delivers the rows due at <paramref name="now"/> (UTC), a batch at a time, until none are due.</summary>
    public async Task<DeliveryRound> DeliverDueAsync(DateTime now, CancellationToken ct = default)
    {
        now = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        int sent = 0, retrying = 0, failed = 0;
        var seen = new HashSet<long>();
        while (!ct.IsCancellationRequested)
        {
            List<Notification> due;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                due = await db.Notifications.AsNoTracking()
                    .Where(n => n.Status == NotificationStatus.Pending && (n.NextAttemptAt == null || n.NextAttemptAt <= now))
                    .OrderBy(n => n.Id)
                    .Take(O.BatchSize)
                    .ToListAsync(ct);
            }
            due.RemoveAll(n => !seen.Add(n.Id));
            if (due.Count == 0) break;

            var inApp = due.Where(n => n.Channel == NotificationChannel.InApp).ToList();
            if (inApp.Count > 0)
            {
                sent += await MarkInAppSentAsync(inApp, now, ct);
                signal.Raise(inApp.Select(n => n.RecipientId));
            }
            foreach (var n in due.Where(n => n.Channel != NotificationChannel.InApp))
            {
                switch (await DeliverOneAsync(n, now, ct))
                {
                    case NotificationStatus.Sent: sent++; break;
                    case NotificationStatus.Failed: failed++; break;
                    case NotificationStatus.Pending: retrying++; break;
                }
            }
        }
        return new DeliveryRound(sent, retrying, failed);
    }

    private async Task<int> MarkInAppSentAsync(List<Notification> rows, DateTime now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Each row moves Pending -> Sent once, however many rounds run: the one conditional UPDATE is the claim.
        var ids = rows.Select(n => n.Id).ToArray();
        return await db.Notifications.Where(n => ids.Contains(n.Id) && n.Status == NotificationStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NotificationStatus.Sent)
                .SetProperty(n => n.Attempts, n => n.Attempts + 1)
                .SetProperty(n => n.NextAttemptAt, (DateTime?)null)
                .SetProperty(n => n.SentAt, now), ct);
    }

    /// <summary>Null when another round claimed the row first; else the row's status afterwards.</summary>
    private async Task<NotificationStatus?> DeliverOneAsync(Notification n, DateTime now, CancellationToken ct)
    {
        if (n.Attempts >= O.MaxAttempts)
        {
            // Claimed by a round that never came back (a crash mid-send) as its last allowed attempt.
            await FinishAsync(n.Id, now, NotificationStatus.Failed, n.LastError ?? "Gave up: the last attempt never finished (the process stopped while sending).", ct);
            return NotificationStatus.Failed;
        }
        if (!await ClaimAsync(n, now, ct)) return null;
        var attempts = n.Attempts + 1;
        try
        {
            await SendAsync(n, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var error = Describe(e);
            var permanent = e is PermanentDeliveryException;
            _log.LogWarning("Notification {Id} ({Channel}) attempt {Attempts} failed: {Error}", n.Id, n.Channel, attempts, error);
            if (permanent || attempts >= O.MaxAttempts)
            {
                await FinishAsync(n.Id, now, NotificationStatus.Failed, error, ct);
                return NotificationStatus.Failed;
            }
            await RetryLaterAsync(n.Id, now + O.Backoff(attempts), error, ct);
            return NotificationStatus.Pending;
        }
        // Sent: mark it at once, and not with the round's token, so a shutdown cannot fall between.
        await FinishAsync(n.Id, now, NotificationStatus.Sent, null, CancellationToken.None);
        return NotificationStatus.Sent;
    }

    /// <summary>
    /// The claim, in its own short transaction: bump Attempts and set the lease, only if Attempts is
    /// still what we read and the row is still Pending. One winner per attempt.
    /// </summary>
    private async Task<bool> ClaimAsync(Notification n, DateTime now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The bump and the lease in one statement: nobody may see the bumped Attempts with the old, due
        // NextAttemptAt, or they could claim the next attempt while this one is still sending.
        var lease = now.AddSeconds(O.LeaseSeconds);
        var attempts = n.Attempts;
        return await db.Notifications.Where(x => x.Id == n.Id && x.Status == NotificationStatus.Pending && x.Attempts == attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.NextAttemptAt, lease), ct) == 1;
    }

    private async Task SendAsync(Notification n, CancellationToken ct)
    {
        Staffing.Staff? person = null;
        if (n.RecipientId is { } id)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            person = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        }
        switch (n.Channel)
        {
            case NotificationChannel.Email:
                if (string.IsNullOrWhiteSpace(person?.Email))
                    throw new PermanentDeliveryException("The recipient has no e-mail address.");
                if (!O.EmailConfigured) throw new PermanentDeliveryException("E-mail is not configured.");
                await email.SendAsync(n, person.Email, person.FullName, ct);
                break;
            case NotificationChannel.Webhook:
                if (!O.WebhookConfigured) throw new PermanentDeliveryException("The webhook is not configured.");
                await webhook.SendAsync(n, person is null ? null : new WebhookRecipient(person.Id, person.FullName, person.Phone, person.Email), ct);
                break;
            default:
                throw new PermanentDeliveryException($"Unknown channel {n.Channel}.");
        }
    }

    private async Task FinishAsync(long id, DateTime now, NotificationStatus status, string? error, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Notifications.FirstAsync(x => x.Id == id, ct);
        row.Status = status;
        row.NextAttemptAt = null;
        row.LastError = error;
        if (status == NotificationStatus.Sent) row.SentAt = now;
        await db.SaveChangesAsync(ct);
    }

    private async Task RetryLaterAsync(long id, DateTime next, string error, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Notifications.FirstAsync(x => x.Id == id, ct);
        row.NextAttemptAt = next;
        row.LastError = error;
        await db.SaveChangesAsync(ct);
    }

    private static string Describe(Exception e)
    {
        // The SMTP reply code first: it is what an admin looks up (451 try later, 535 bad password, 550 no such mailbox).
        if (e is MailKit.Net.Smtp.SmtpCommandException smtp)
            return Trim($"SMTP {(int)smtp.StatusCode} {smtp.StatusCode} ({smtp.ErrorCode}): {smtp.Message.Trim()}");
        if (e is MailKit.Security.SslHandshakeException)
            return Trim("SslHandshakeException: the SMTP server's certificate was not accepted (untrusted, expired or not the configured " +
                "OneStop:Notifications:Smtp:CertificateThumbprint), or TLS could not be agreed.");
        var text = e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;
        return Trim($"{e.GetType().Name}: {text}");
    }

    private static string Trim(string text) => text.Length > 500 ? text[..500] : text;
}

/// <summary>A failure that retrying cannot fix (no address, channel off): the row is Failed at once.</summary>
public sealed class PermanentDeliveryException(string message) : Exception(message);
