namespace OneStop.Benchmarks.Circuits;

/// <summary>
/// The live fan-out of <see cref="LiveFanOut"/> with <see cref="BlazorCircuitClient"/>s in place of Chromium pages: N
/// circuits on the overview, M changes committed one after another; a circuit's latency for a change is from the
/// commit to the arrival of the first render batch that carries the tile's new figure (found in the batch's string
/// table, not merely the first batch after the commit: a clock tick or another tile could come first).
/// </summary>
public static class ProtocolFanOut
{
    /// <summary>The circuits in this process (the smoke test): the memory figures then include the client's own.</summary>
    public static async Task<FanOutResult> RunAsync(Uri baseAddress, int circuits, int trials, Func<Task<DateTime>> makeChange,
        Func<ServerMemory> memory, TextWriter log, (string User, string Password) signIn, CancellationToken ct = default)
    {
        await using var pool = await InProcessCircuits.SignInAsync(baseAddress, signIn, log, ct: ct);
        return await RunAsync(pool, circuits, trials, makeChange, memory, log, ct);
    }

    public static async Task<FanOutResult> RunAsync(ICircuitPool pool, int circuits, int trials, Func<Task<DateTime>> makeChange,
        Func<ServerMemory> memory, TextWriter log, CancellationToken ct = default)
    {
        if (circuits < 1 || trials < 1) throw new ArgumentOutOfRangeException(nameof(circuits), "At least one circuit and one change.");
        await pool.OpenAsync(1, ct);
        var withOne = memory();
        await pool.OpenAsync(circuits, ct);
        await Task.Delay(1000, ct); // let first renders and their buffers settle
        var withAll = memory();

        var current = pool.ReceivedTile ?? throw new InvalidOperationException("The overview's prerendered page has no \"received today\" tile.");
        var latencies = new List<double>(circuits * trials);
        for (int t = 0; t < trials; t++)
        {
            var expected = LiveFanOut.Next(current);
            var arrivals = await pool.ArmAsync(expected, ct);
            var committed = await makeChange();
            var arrived = (await arrivals).Select(a => (a - committed).TotalMilliseconds).ToArray();
            latencies.AddRange(arrived);
            log.WriteLine($"  change {t + 1}: median {arrived.Order().ElementAt(arrived.Length / 2):n0} ms, last {arrived.Max():n0} ms");
            current = expected;
            await Task.Delay(300, ct); // past the overview's debounce, so the next change is its own burst
        }
        return new FanOutResult(circuits, trials, latencies, withOne, withAll);
    }
}
