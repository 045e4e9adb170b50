using Microsoft.Playwright;

namespace OneStop.Benchmarks;

/// <summary>
/// `fanout`: the real app (demo data, production settings, simulator still) hosted in this process on a real port, so
/// that this process's memory is the server's; N Chromium pages on the overview; M dossiers received at the counter
/// through the Domain's workflow, as the intake form does (<see cref="LiveFanOut.CounterIntakeAsync"/>).
/// `--client protocol` opens the circuits with <see cref="Circuits.BlazorCircuitClient"/> instead of Chromium pages.
/// </summary>
public static class FanOutCommand
{
    public static async Task<FanOutResult> RunAsync(int circuits, int changes, TextWriter log, string client = "browser")
    {
        if (client is not ("browser" or "protocol")) throw new ArgumentException($"fanout: --client must be browser or protocol, not «{client}».");
        if (client == "protocol" && Environment.GetEnvironmentVariable(Circuits.ChildProcessCircuits.ConnectVariable) is { Length: > 0 } server)
        {
            // The client side of a protocol fan-out (the parent started this process): serve its requests, then end here.
            Environment.Exit(await Circuits.ChildProcessCircuits.ServeAsync(new Uri(server), ("director", "demo"), Console.In, Console.Out));
        }
        await using var app = DemoAppHost.Start("fanout");
        log.WriteLine($"App on {app.Address} with the demo data");

        var receive = await LiveFanOut.CounterIntakeAsync(app.Services);
        if (client == "protocol")
        {
            // The circuits in a child process, so that this process's memory (the figure reported) is the server's alone.
            await using var pool = Circuits.ChildProcessCircuits.Start(app.Address, log);
            return await Circuits.ProtocolFanOut.RunAsync(pool, circuits, changes, receive, ServerMemory.OfThisProcess, log);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LiveFanOut.LaunchChromiumAsync(playwright);
        return await LiveFanOut.RunAsync(browser, app.Address, circuits, changes, receive, ServerMemory.OfThisProcess, log, ("director", "demo"));
    }
}
