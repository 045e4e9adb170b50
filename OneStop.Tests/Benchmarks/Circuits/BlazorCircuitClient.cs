using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Benchmarks.Circuits;

/// <summary>
/// One Blazor Server circuit without a browser: what blazor.web.js does for an interactive page, reduced to what keeps
/// the server's circuit going. GET the prerendered page, read its server component markers, connect to `/_blazor`
/// with blazorpack, `StartCircuit` with no components and then `UpdateRootComponents` adding every marker (the Blazor
/// Web App order, .NET 8–10), ack every `JS.RenderBatch` with `OnRenderCompleted`, and answer every JS interop call
/// with success and a null result. Everything is asynchronous (no thread per circuit), so one process holds hundreds.
/// </summary>
public sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Lock _lock = new();
    private readonly List<(long BatchId, DateTime ArrivedUtc, int Bytes)> _batches = [];
    private readonly TaskCompletionSource _firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Watch? _watch;
    private int _jsCalls;

    /// <summary>The figure the prerendered page showed in its "received today" tile (the fan-out's change counter).</summary>
    public string? ReceivedTile { get; private set; }
    /// <summary>The first JS.Error the server sent, or why the connection closed; null while all is well.</summary>
    public string? Error { get; private set; }
    public int JsCalls => _jsCalls;

    /// <summary>Every render batch so far: its id, the instant (UTC) it arrived, its size.</summary>
    public IReadOnlyList<(long BatchId, DateTime ArrivedUtc, int Bytes)> Batches { get { lock (_lock) return [.. _batches]; } }

    private sealed record Watch(byte[] Needle, TaskCompletionSource<DateTime> Arrived);

    private BlazorCircuitClient(HubConnection hub) => _hub = hub;

    /// <summary>Posts the sign-in form as a browser does (antiforgery token included); the cookies end up in the container.</summary>
    public static async Task<CookieContainer> SignInAsync(Uri baseAddress, string user, string password, CancellationToken ct = default)
    {
        var cookies = new CookieContainer();
        using var http = NewHttp(baseAddress, cookies);
        var form = await http.GetStringAsync("/signin", ct);
        string Hidden(string name) => Regex.Match(form, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        using var response = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = Hidden("_handler"),
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {user} answered {(int)response.StatusCode}, not a redirect.");
        return cookies;
    }

    /// <summary>An HttpClient for the page GETs: it sends the sign-in cookies and does not follow redirects.</summary>
    public static HttpClient NewHttp(Uri baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    /// <summary>Opens <paramref name="path"/> as a signed-in user and returns once the circuit's first render batch arrived.</summary>
    public static async Task<BlazorCircuitClient> StartAsync(HttpClient http, CookieContainer cookies, string path, CancellationToken ct = default)
    {
        var baseAddress = http.BaseAddress ?? throw new ArgumentException("The HttpClient needs a BaseAddress.", nameof(http));
        using var response = await http.GetAsync(path, ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} (signed in?).");
        var html = await response.Content.ReadAsStringAsync(ct);
        var page = ReadPage(html);
        if (page.Markers.Count == 0) throw new InvalidOperationException($"GET {path}: no interactive server component markers in the page.");

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "_blazor"), o =>
            {
                o.Cookies = cookies;
                // Straight to the WebSocket, as the browser ends up: no negotiate round trip per circuit.
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            });
        // The last IHubProtocol registered is the one the connection speaks (the builder registers JSON first).
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var hub = builder.Build();
        var client = new BlazorCircuitClient(hub) { ReceivedTile = page.ReceivedTile };
        client.Listen();
        await hub.StartAsync(ct);

        var circuitId = await hub.InvokeAsync<string?>("StartCircuit", baseAddress.ToString(), new Uri(baseAddress, path).ToString(), "[]", "", ct);
        if (string.IsNullOrEmpty(circuitId))
            throw new InvalidOperationException($"StartCircuit for {path} was refused: {client.Error ?? "no reason given"}.");
        var operations = JsonSerializer.Serialize(new
        {
            batchId = 1,
            operations = page.Markers.Select((m, i) => new { type = "add", ssrComponentId = i + 1, marker = m }),
        });
        await hub.SendAsync("UpdateRootComponents", operations, page.ApplicationState, ct);

        var first = await Task.WhenAny(client._firstBatch.Task, Task.Delay(TimeSpan.FromSeconds(60), ct));
        if (first != client._firstBatch.Task)
            throw new TimeoutException($"No render batch within 60 s of starting the circuit for {path}: {client.Error ?? "no error from the server"}.");
        return client;
    }

    /// <summary>
    /// Completes with the arrival instant of the first render batch from now on whose string table holds
    /// <paramref name="text"/> as a whole string (the frames' text, attribute values and markup are in that table).
    /// </summary>
    public Task<DateTime> WatchFor(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var watch = new Watch([.. SevenBitLength(utf8.Length), .. utf8], new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _watch, watch);
        return watch.Arrived.Task;
    }

    private void Listen()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            var arrived = DateTime.UtcNow;
            lock (_lock) _batches.Add((batchId, arrived, data.Length));
            _firstBatch.TrySetResult();
            if (Volatile.Read(ref _watch) is { } watch && data.AsSpan().IndexOf(watch.Needle) >= 0)
                watch.Arrived.TrySetResult(arrived);
            // Without the ack the server holds back later batches (it keeps a bounded queue of unacknowledged ones).
            await Safely(() => _hub.SendAsync("OnRenderCompleted", batchId, null));
        });
        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType). Every call succeeds with null:
        // MudBlazor's and the app's scripts only observe the page, so nothing on the server waits for a real answer.
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            Interlocked.Increment(ref _jsCalls);
            var handle = (long)args[0]!;
            if (handle == 0) return; // fire and forget: nobody waits for an answer
            await Safely(() => _hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]"));
        });
        _hub.On<string>("JS.Error", error => Error ??= error);
        _hub.Closed += e => { Error ??= $"connection closed: {e?.Message ?? "by the server"}"; return Task.CompletedTask; };
    }

    private async Task Safely(Func<Task> send)
    {
        try { await send(); }
        catch (Exception e) when (e is not OutOfMemoryException) { Error ??= e.Message; }
    }

    private static byte[] SevenBitLength(int length)
    {
        // BinaryWriter's length prefix, which the render batch's string table uses (LEB128).
        var bytes = new List<byte>();
        do { var b = (byte)(length & 0x7F); length >>= 7; bytes.Add(length > 0 ? (byte)(b | 0x80) : b); } while (length > 0);
        return [.. bytes];
    }

    /// <summary>What blazor.web.js reads from a prerendered page: server component start markers and the persisted state.</summary>
    public sealed record PrerenderedPage(IReadOnlyList<JsonElement> Markers, string ApplicationState, string? ReceivedTile);

    public static PrerenderedPage ReadPage(string html)
    {
        // Start markers carry a descriptor; end markers ({"prerenderId":…}) and WebAssembly/auto ones are not ours.
        var markers = MarkerPattern().Matches(html)
            .Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone())
            .Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "server" && e.TryGetProperty("descriptor", out _))
            .ToList();
        var state = StatePattern().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        var tile = TilePattern().Match(html) is { Success: true } t2 ? WebUtility.HtmlDecode(t2.Groups[1].Value).Trim() : null;
        return new PrerenderedPage(markers, state, tile);
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();
    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();
    [GeneratedRegex(@"data-testid=""tile-received-value""[^>]*>([^<]*)<")]
    private static partial Regex TilePattern();

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
