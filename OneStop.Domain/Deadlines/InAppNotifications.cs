using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Deadlines;

/// <summary>
/// Adds in-app outbox rows to the caller's unit of work, so they commit with the event that causes them.
/// A key that already exists (in the database or earlier in this unit of work) is skipped: jobs run again, never twice.
/// The shared outbox writer will take this over.
/// </summary>
internal static class InAppNotifications
{
    public static string Key(string kind, long dossierId, string rung, int recipientId) => $"{kind}:{dossierId}:{rung}:InApp:{recipientId}";

    /// <returns>True when a row was added.</returns>
    public static async Task<bool> AddAsync(OneStopDbContext db, string key, string kind, int recipientId, long? dossierId, string? code,
        string subject, string body, DateTime now, CancellationToken ct)
    {
        if (db.ChangeTracker.Entries<Notification>().Any(e => e.Entity.DedupeKey == key)) return false;
        if (await db.Notifications.AnyAsync(n => n.DedupeKey == key, ct)) return false;
        db.Notifications.Add(new Notification
        {
            DedupeKey = key, Kind = kind, Channel = NotificationChannel.InApp, RecipientId = recipientId,
            DossierId = dossierId, DossierCode = code, Subject = subject, Body = body,
            CreatedAt = now, Status = NotificationStatus.Pending, NextAttemptAt = now,
        });
        return true;
    }
}
