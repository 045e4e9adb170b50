namespace OneStop.Domain.Staffing;

/// <summary>
/// In-process signal: "coverage, training or attendance changed". <see cref="StaffingService"/> raises it after its
/// commit; the live staffing screens and the director's coverage warning recompute. Dossier moves travel through the
/// dossier change feed as usual; this covers the changes that feed does not carry.
/// </summary>
public sealed class StaffingSignal
{
    private readonly Lock _gate = new();
    private Func<Task>[] _subscribers = [];

    public void Raise()
    {
        foreach (var s in Volatile.Read(ref _subscribers))
        {
            _ = Task.Run(async () =>
            {
                try { await s(); }
                catch { /* a screen that went away; never the writer's problem */ }
            });
        }
    }

    /// <summary>Subscribes; dispose the result to leave.</summary>
    public IDisposable Subscribe(Func<Task> callback)
    {
        lock (_gate) _subscribers = [.. _subscribers, callback];
        return new Leave(this, callback);
    }

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    private sealed class Leave(StaffingSignal signal, Func<Task> callback) : IDisposable
    {
        public void Dispose()
        {
            lock (signal._gate) signal._subscribers = signal._subscribers.Where(x => x != callback).ToArray();
        }
    }
}
