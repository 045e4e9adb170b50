using System.Net;

namespace OneStop.Benchmarks.Circuits;

/// <summary>
/// The live fan-out of <see cref="LiveFanOut"/> with <see cref="BlazorCircuitClient"/>s in place of Chromium pages: N
/// circuits on the overview, M changes committed one after another; a circuit's latency for a change is from the
/// commit to the arrival of the first render batch that carries the tile's new figure (found in the batch's string
/// table, not merely the first batch after the commit: a clock tick or another tile could come first).
/// </summary>
public static class ProtocolFanOut
{
    public static async Task<FanOutResult> RunAsync(Uri baseAddress, int circuits, int trials, Func<Task<DateTime>> makeChange,
        Func<ServerMemory> memory, TextWriter log, (string User, string Password) signIn, CancellationToken ct = default)
    {
        if (circuits < 1 || trials < 1) throw new ArgumentOutOfRangeException(nameof(circuits), "At least one circuit and one change.");
        var cookies = await BlazorCircuitClient.SignInAsync(baseAddress, signIn.User, signIn.Password, ct);
        using var http = BlazorCircuitClient.NewHttp(baseAddress, cookies);
        var clients = new List<BlazorCircuitClient>(circuits);
        try
        {
            clients.Add(await BlazorCircuitClient.StartAsync(http, cookies, "/", ct));
            var withOne = memory();
            // A few at a time, like the browser harness: starting hundreds at once would time the start-up storm.
            while (clients.Count < circuits)
            {
                var batch = Math.Min(20, circuits - clients.Count);
                clients.AddRange(await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => BlazorCircuitClient.StartAsync(http, cookies, "/", ct))));
                if (clients.Count % 100 == 0 || clients.Count == circuits) log.WriteLine($"  {clients.Count} circuits connected");
            }
            await Task.Delay(1000, ct); // let first renders and their buffers settle
            var withAll = memory();
            var broken = clients.FirstOrDefault(c => c.Error is not null);
            if (broken is not null) throw new InvalidOperationException($"A circuit failed while the others started: {broken.Error}");

            var current = clients[0].ReceivedTile ?? throw new InvalidOperationException("The overview's prerendered page has no \"received today\" tile.");
            var latencies = new List<double>(circuits * trials);
            for (int t = 0; t < trials; t++)
            {
                var expected = LiveFanOut.Next(current);
                var watches = clients.Select(c => c.WatchFor(expected)).ToArray();
                var committed = await makeChange();
                var all = Task.WhenAll(watches);
                if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120), ct)) != all)
                {
                    var missing = watches.Count(w => !w.IsCompleted);
                    var why = clients.Select(c => c.Error).FirstOrDefault(e => e is not null) ?? "no circuit reported an error";
                    throw new TimeoutException($"Change {t + 1} («{expected}»): {missing} of {circuits} circuits had no render batch with it after 120 s ({why}).");
                }
                var arrived = all.Result.Select(a => (a - committed).TotalMilliseconds).ToArray();
                latencies.AddRange(arrived);
                log.WriteLine($"  change {t + 1}: median {arrived.Order().ElementAt(arrived.Length / 2):n0} ms, last {arrived.Max():n0} ms");
                current = expected;
                await Task.Delay(300, ct); // past the overview's debounce, so the next change is its own burst
            }
            return new FanOutResult(circuits, trials, latencies, withOne, withAll);
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
