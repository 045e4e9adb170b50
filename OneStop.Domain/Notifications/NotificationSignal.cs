namespace OneStop.Domain.Notifications;

/// <summary>
/// In-process signal: "the in-app notifications of these people changed". The outbox writer raises
/// it after the caller's commit, the bell listens. Rows written by another process (the jobs) are
/// not signalled: the bell also re-reads its count on a short tick.
/// </summary>
public sealed class NotificationSignal
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Calls each subscriber for a recipient in the list (null recipient: everybody), off the caller's thread.</summary>
    public void Raise(IEnumerable<int?> recipients)
    {
        var set = recipients.Distinct().ToArray();
        if (set.Length == 0) return;
        var everybody = set.Contains(null);
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (!everybody && !set.Contains(s.RecipientId)) continue;
            _ = Task.Run(async () =>
            {
                try { await s.Callback(); }
                catch { /* a screen that went away; never the writer's problem */ }
            });
        }
    }

    public void Raise(int recipientId) => Raise([recipientId]);

    /// <summary>Subscribes to one person's changes; dispose to leave.</summary>
    public IDisposable Subscribe(int recipientId, Func<Task> callback)
    {
        var s = new Subscription(recipientId, SubscriberCulture.Keep(callback), this); // in the subscribing screen's language
        lock (_gate) _subscriptions = [.. _subscriptions, s];
        return s;
    }

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    private void Remove(Subscription s)
    {
        lock (_gate) _subscriptions = _subscriptions.Where(x => x != s).ToArray();
    }

    private sealed class Subscription(int recipientId, Func<Task> callback, NotificationSignal signal) : IDisposable
    {
        public int RecipientId { get; } = recipientId;
        public Func<Task> Callback { get; } = callback;
        public void Dispose() => signal.Remove(this);
    }
}
