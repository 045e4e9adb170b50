using OneStop.Domain;
using OneStop.Domain.Dossiers;

namespace OneStop.Web.Live;

/// <summary>
/// Fans committed dossier changes out to the open screens that watch them. A screen subscribes
/// with a filter (its department, its staff member, or everything) and a callback; the callback
/// runs off the publishing thread, so a slow screen never delays the workflow or other screens.
/// Changes made by other processes arrive through <see cref="DossierEventTailer"/>.
/// </summary>
public sealed class DossierChangeHub(ILogger<DossierChangeHub> log) : IDossierChangeSink
{
    private const int RememberedIds = 4096;
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];
    // Event ids published from this process, so the tailer does not deliver them a second time.
    private readonly HashSet<long> _published = new();
    private readonly Queue<long> _publishedOrder = new();

    public void Publish(DossierChange change)
    {
        lock (_published)
        {
            if (!_published.Add(change.EventId)) return;
            _publishedOrder.Enqueue(change.EventId);
            if (_publishedOrder.Count > RememberedIds) _published.Remove(_publishedOrder.Dequeue());
        }
        Deliver(change);
    }

    /// <summary>For the tailer: true when this process already delivered the event.</summary>
    public bool WasPublished(long eventId)
    {
        lock (_published) return _published.Contains(eventId);
    }

    private void Deliver(DossierChange change)
    {
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (!s.Filter(change)) continue;
            _ = Task.Run(async () =>
            {
                try { await s.Callback(change); }
                catch (Exception e) { log.LogWarning(e, "A live screen failed to take change {EventId}", change.EventId); }
            });
        }
    }

    /// <summary>Subscribes; dispose the result to leave (a component does so in Dispose).</summary>
    public IDisposable Subscribe(Func<DossierChange, bool> filter, Func<DossierChange, Task> callback)
    {
        var s = new Subscription(filter, SubscriberCulture.Keep(callback), this); // in the subscribing screen's language
        lock (_gate) _subscriptions = [.. _subscriptions, s];
        return s;
    }

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    private void Remove(Subscription s)
    {
        lock (_gate) _subscriptions = _subscriptions.Where(x => x != s).ToArray();
    }

    private sealed class Subscription(Func<DossierChange, bool> filter, Func<DossierChange, Task> callback, DossierChangeHub hub) : IDisposable
    {
        public Func<DossierChange, bool> Filter { get; } = filter;
        public Func<DossierChange, Task> Callback { get; } = callback;
        public void Dispose() => hub.Remove(this);
    }
}
