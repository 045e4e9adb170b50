using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Deadlines;

/// <summary>
/// The deadline jobs' messages, written through the shared <see cref="NotificationOutbox"/> into the caller's
/// unit of work, so they commit with the event that causes them, on every channel the person can receive
/// (in-app always; e-mail and webhook where configured). Keys are "{prefix}:{channel}:{recipient}"; a key that
/// already exists is skipped: jobs run again, never twice.
/// </summary>
internal static class InAppNotifications
{
    /// <summary>The in-app key of a message: what tests and the jobs look up.</summary>
    public static string Key(string kind, long dossierId, string rung, int recipientId) => $"{kind}:{dossierId}:{rung}:InApp:{recipientId}";

    /// <returns>True when a row was added.</returns>
    public static async Task<bool> AddAsync(NotificationOutbox outbox, OneStopDbContext db, string inAppKey, string kind, int recipientId,
        long? dossierId, string? code, string subject, string body, CancellationToken ct) =>
        (await outbox.AddAsync(db, recipientId, Message(inAppKey, kind, recipientId, dossierId, code, subject, body), ct)).Count > 0;

    /// <summary>Same, for a recipient already read (active), without reading them again.</summary>
    public static async Task<bool> AddAsync(NotificationOutbox outbox, OneStopDbContext db, string inAppKey, string kind, Staffing.Staff recipient,
        long? dossierId, string? code, string subject, string body, CancellationToken ct) =>
        (await outbox.AddAsync(db, recipient, Message(inAppKey, kind, recipient.Id, dossierId, code, subject, body), ct)).Count > 0;

    /// <summary>
    /// Same, for a batch: the database is not asked here; the caller calls <see cref="NotificationOutbox.DropExistingAsync"/>
    /// once for all the batch's messages before it writes them (the deadline sweep).
    /// </summary>
    public static void AddDeferringCheck(NotificationOutbox outbox, OneStopDbContext db, string inAppKey, string kind, Staffing.Staff recipient,
        long? dossierId, string? code, string subject, string body) =>
        outbox.AddDeferringCheck(db, recipient, Message(inAppKey, kind, recipient.Id, dossierId, code, subject, body));

    private static OutboxMessage Message(string inAppKey, string kind, int recipientId, long? dossierId, string? code, string subject, string body)
    {
        var suffix = $":{NotificationChannel.InApp}:{recipientId}";
        if (!inAppKey.EndsWith(suffix, StringComparison.Ordinal))
            throw new ArgumentException($"«{inAppKey}» is not an in-app key for recipient {recipientId}.", nameof(inAppKey));
        return new OutboxMessage(kind, subject, body, dossierId, code) { KeyPrefix = inAppKey[..^suffix.Length] };
    }
}
