using OneStop.Domain;
using OneStop.Domain.Dossiers;

namespace OneStop.Web.Live;

/// <summary>
/// One snapshot shared by every screen that shows it. A relevant change, or the refresh timer
/// (due-soon and overdue move with the clock, not only with changes), schedules one recompute after
/// a short quiet period, so a burst of changes costs one query however many screens are open; then
/// every subscriber gets the new snapshot. Idle while nobody subscribes.
/// </summary>
public sealed class LiveSnapshot<T> : IDisposable where T : class
{
    private readonly Func<CancellationToken, Task<T>> _compute;
    private readonly DossierChangeHub _hub;
    private readonly Func<DossierChange, bool> _relevant;
    private readonly TimeSpan _debounce, _refresh;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly List<Func<T, Task>> _subscribers = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly SemaphoreSlim _computeGate = new(1, 1);
    private CancellationTokenSource? _running;
    private IDisposable? _hubSubscription;
    private volatile T? _current;

    public LiveSnapshot(Func<CancellationToken, Task<T>> compute, DossierChangeHub hub, Func<DossierChange, bool> relevant,
        TimeSpan debounce, TimeSpan refresh, ILogger log)
    {
        (_compute, _hub, _relevant, _debounce, _refresh, _log) = (compute, hub, relevant, debounce, refresh, log);
    }

    /// <summary>The latest snapshot, computing it when there is none yet.</summary>
    public async Task<T> GetAsync(CancellationToken ct = default)
    {
        if (_current is { } current) return current;
        await _computeGate.WaitAsync(ct);
        try { return _current ??= await _compute(ct); }
        finally { _computeGate.Release(); }
    }

    public IDisposable Subscribe(Func<T, Task> onChange)
    {
        onChange = SubscriberCulture.Keep(onChange); // each screen re-renders in its own language, not the loop's
        lock (_gate)
        {
            _subscribers.Add(onChange);
            if (_subscribers.Count == 1) Start();
        }
        return new Unsubscriber(this, onChange);
    }

    /// <summary>Asks for a recompute as a relevant dossier change would (for changes the dossier feed does not carry).</summary>
    public void Refresh() => _signal.Release();

    private void Start()
    {
        _running = new CancellationTokenSource();
        _hubSubscription = _hub.Subscribe(_relevant, _ => { _signal.Release(); return Task.CompletedTask; });
        _ = Task.Run(() => LoopAsync(_running.Token));
    }

    private void Unsubscribe(Func<T, Task> onChange)
    {
        lock (_gate)
        {
            _subscribers.Remove(onChange);
            if (_subscribers.Count > 0) return;
            _hubSubscription?.Dispose();
            _running?.Cancel();
            _running = null;
            _current = null; // a stale snapshot must not greet the next viewer
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_refresh, ct);
                await Task.Delay(_debounce, ct);
                while (_signal.CurrentCount > 0) await _signal.WaitAsync(ct); // fold the burst into this recompute
                T next;
                await _computeGate.WaitAsync(ct);
                try { _current = next = await _compute(ct); }
                finally { _computeGate.Release(); }
                Func<T, Task>[] targets;
                lock (_gate) targets = _subscribers.ToArray();
                await Task.WhenAll(targets.Select(async t =>
                {
                    try { await t(next); }
                    catch (Exception e) { _log.LogDebug(e, "A screen did not take the new snapshot"); }
                }));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                _log.LogWarning(e, "Recomputing a live snapshot failed; the next change or tick tries again");
            }
        }
    }

    public void Dispose()
    {
        _hubSubscription?.Dispose();
        _running?.Cancel();
    }

    private sealed class Unsubscriber(LiveSnapshot<T> owner, Func<T, Task> onChange) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unsubscribe(onChange);
        }
    }
}
