using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Webhooks;

/// <summary>
/// Queues deliveries for a dossier event into the caller's context, so they commit with the change or not at all (the
/// notification outbox's rule). One row per subscription that asked for the event, paused ones included: a receiver
/// that was down gets what it missed once resumed. Removed subscriptions get nothing.
/// </summary>
public static class WebhookOutbox
{
    /// <summary>Adds the rows to <paramref name="db"/> (not saved: the caller's SaveChanges commits them with the event).</summary>
    public static async Task<int> AddAsync(OneStopDbContext db, Dossier dossier, DossierEvent e, CancellationToken ct = default)
    {
        var rows = await RowsAsync(db, [(dossier, e)], ct);
        db.WebhookDeliveries.AddRange(rows);
        return rows.Count;
    }

    /// <summary>The rows for many events, not tracked: for writers that insert in bulk inside their own transaction (the deadline sweep).</summary>
    public static async Task<List<WebhookDelivery>> RowsAsync(OneStopDbContext db, IReadOnlyCollection<(Dossier Dossier, DossierEvent Event)> events,
        CancellationToken ct = default)
    {
        var wanted = events.Select(x => (x.Dossier, x.Event, Kind: WebhookEventNames.For(x.Event, x.Dossier))).Where(x => x.Kind != WebhookEvents.None).ToList();
        if (wanted.Count == 0) return [];
        var subscriptions = new List<(int Id, WebhookEvents Events)>();
        await foreach (var s in Listening(db).WithCancellation(ct)) subscriptions.Add((s.Id, s.Events));
        var rows = new List<WebhookDelivery>();
        foreach (var (dossier, e, kind) in wanted)
            foreach (var (id, _) in subscriptions.Where(s => (s.Events & kind) != 0))
            {
                var deliveryId = Guid.NewGuid();
                rows.Add(new WebhookDelivery
                {
                    DeliveryId = deliveryId,
                    SubscriptionId = id,
                    Event = WebhookEventNames.Of(kind),
                    DossierId = dossier.Id,
                    DossierCode = dossier.Code,
                    Body = WebhookPayload.For(deliveryId, kind, dossier, e).ToJson(),
                    CreatedAt = e.At,
                    Status = WebhookDeliveryStatus.Pending,
                    NextAttemptAt = e.At,
                });
            }
        return rows;
    }

    // Every workflow action reads this (one small table, usually empty): compiled once, like the workflow's own reads.
    private static readonly Func<OneStopDbContext, IAsyncEnumerable<WebhookSubscription>> Listening =
        EF.CompileAsyncQuery((OneStopDbContext db) => db.WebhookSubscriptions.AsNoTracking().Where(s => s.RemovedAt == null && s.Events != WebhookEvents.None));
}
