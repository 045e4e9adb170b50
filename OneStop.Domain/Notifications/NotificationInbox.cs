using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Notifications;

/// <summary>A person's notifications as the bell and /notifications read them.</summary>
public sealed class NotificationInbox(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time, NotificationSignal signal)
{
    /// <summary>Unread in-app messages (from the (RecipientId, Channel, ReadAt) index).</summary>
    public async Task<int> UnreadCountAsync(int staffId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.RecipientId == staffId && n.Channel == NotificationChannel.InApp && n.ReadAt == null, ct);
    }

    /// <summary>The latest in-app messages, newest first.</summary>
    public async Task<List<Notification>> LatestAsync(int staffId, int take = 10, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == staffId && n.Channel == NotificationChannel.InApp)
            .OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>Every row for the person on every channel, newest first: what /notifications shows with its delivery status.</summary>
    public async Task<List<Notification>> AllAsync(int staffId, int take = 300, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == staffId)
            .OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>Marks every unread in-app message of the person read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(int staffId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var unread = await db.Notifications
            .Where(n => n.RecipientId == staffId && n.Channel == NotificationChannel.InApp && n.ReadAt == null).ToListAsync(ct);
        foreach (var n in unread) n.ReadAt = now;
        await db.SaveChangesAsync(ct);
        if (unread.Count > 0) signal.Raise(staffId);
        return unread.Count;
    }
}
