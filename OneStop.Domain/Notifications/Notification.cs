namespace OneStop.Domain.Notifications;

public enum NotificationChannel { InApp, Email, Webhook }

public enum NotificationStatus { Pending, Sent, Failed }

/// <summary>
/// One message to one person on one channel: a row of the outbox. It is written in the same
/// transaction as its cause (a hand-over, a deadline rung, a digest), delivered later with retries,
/// and never twice: <see cref="DedupeKey"/> is unique, so a job that runs twice, or again after a
/// crash, cannot add the same message again.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    /// <summary>What caused it and for whom, e.g. "handover:1234:5:200:InApp". Unique.</summary>
    public required string DedupeKey { get; set; }
    /// <summary>The staff member told; null for a webhook that goes to a gateway rather than a person.</summary>
    public int? RecipientId { get; set; }
    public NotificationChannel Channel { get; set; }
    /// <summary>What kind of message: see <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; set; }
    public long? DossierId { get; set; }
    public string? DossierCode { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }

    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>When delivery may next be tried (backoff after a failure); null once sent or failed for good.</summary>
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>In-app only: when the recipient opened it.</summary>
    public DateTime? ReadAt { get; set; }
}

public static class NotificationKinds
{
    public const string HandOver = "handover";
    public const string HandOverReminder = "handover-reminder";
    public const string HandOverLeader = "handover-leader";
    public const string DueSoon = "due-soon";
    public const string Overdue = "overdue";
    public const string OverdueDirector = "overdue-director";
    public const string Digest = "digest";
}
