namespace OneStop.Benchmarks.Circuits;

/// <summary>Many <see cref="BlazorCircuitClient"/>s on one page, opened in steps and watched together.</summary>
public interface ICircuitPool : IAsyncDisposable
{
    /// <summary>Opens circuits until there are <paramref name="total"/>.</summary>
    Task OpenAsync(int total, CancellationToken ct = default);

    /// <summary>The "received today" figure the first circuit's prerendered page showed.</summary>
    string? ReceivedTile { get; }

    /// <summary>
    /// Arms every circuit to notice the first render batch carrying <paramref name="text"/>; returns once armed, with a
    /// task of the arrival instants (UTC), one per circuit, which fails if any circuit has not seen it within two minutes.
    /// </summary>
    Task<Task<DateTime[]>> ArmAsync(string text, CancellationToken ct = default);
}

/// <summary>The circuits in this process: for the smoke test, and for the child process of <see cref="ChildProcessCircuits"/>.</summary>
public sealed class InProcessCircuits : ICircuitPool
{
    private readonly System.Net.CookieContainer _cookies;
    private readonly HttpClient _http;
    private readonly string _path;
    private readonly List<BlazorCircuitClient> _clients = [];
    private readonly TextWriter _log;

    private InProcessCircuits(System.Net.CookieContainer cookies, HttpClient http, string path, TextWriter log) =>
        (_cookies, _http, _path, _log) = (cookies, http, path, log);

    public static async Task<InProcessCircuits> SignInAsync(Uri baseAddress, (string User, string Password) signIn, TextWriter log,
        string path = "/", CancellationToken ct = default)
    {
        var cookies = await BlazorCircuitClient.SignInAsync(baseAddress, signIn.User, signIn.Password, ct);
        return new InProcessCircuits(cookies, BlazorCircuitClient.NewHttp(baseAddress, cookies), path, log);
    }

    public string? ReceivedTile => _clients.FirstOrDefault()?.ReceivedTile;

    public async Task OpenAsync(int total, CancellationToken ct = default)
    {
        // A few at a time, like the browser harness: starting hundreds at once would time the start-up storm.
        while (_clients.Count < total)
        {
            var batch = Math.Min(20, total - _clients.Count);
            _clients.AddRange(await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => BlazorCircuitClient.StartAsync(_http, _cookies, _path, ct))));
            if (_clients.Count % 100 == 0 || _clients.Count == total) _log.WriteLine($"  {_clients.Count} circuits connected");
        }
        if (_clients.FirstOrDefault(c => c.Error is not null) is { } broken)
            throw new InvalidOperationException($"A circuit failed while the others started: {broken.Error}");
    }

    public Task<Task<DateTime[]>> ArmAsync(string text, CancellationToken ct = default)
    {
        var watches = _clients.Select(c => c.WatchFor(text)).ToArray();
        return Task.FromResult(WaitAsync(watches, text, ct));
    }

    private async Task<DateTime[]> WaitAsync(Task<DateTime>[] watches, string text, CancellationToken ct)
    {
        var all = Task.WhenAll(watches);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120), ct)) == all) return await all;
        var missing = watches.Count(w => !w.IsCompleted);
        var why = _clients.Select(c => c.Error).FirstOrDefault(e => e is not null) ?? "no circuit reported an error";
        throw new TimeoutException($"«{text}»: {missing} of {watches.Length} circuits had no render batch with it after 120 s ({why}).");
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_clients.Select(c => c.DisposeAsync().AsTask()));
        _http.Dispose();
    }
}
