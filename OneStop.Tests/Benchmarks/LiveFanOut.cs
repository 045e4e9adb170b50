using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Benchmarks;

/// <summary>Server memory at one instant: the managed heap after a full collection, and the process's resident set.</summary>
public readonly record struct ServerMemory(long ManagedBytes, long ResidentBytes)
{
    /// <summary>This process, measured as the issue asks ("server memory"): when the server is hosted in it.</summary>
    public static ServerMemory OfThisProcess()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return new ServerMemory(GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}

/// <summary>What the live fan-out harness measured.</summary>
/// <param name="LatenciesMs">For every trial and every circuit: from the change's commit returning to the new figure in that page.</param>
public sealed record FanOutResult(int Circuits, int Trials, IReadOnlyList<double> LatenciesMs, ServerMemory WithOne, ServerMemory WithAll)
{
    public double P50 => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double Max => LatenciesMs.Max();
    /// <summary>Growth of the managed heap per circuit beyond the first.</summary>
    public double ManagedBytesPerCircuit => (double)(WithAll.ManagedBytes - WithOne.ManagedBytes) / Math.Max(1, Circuits - 1);
    public double ResidentBytesPerCircuit => (double)(WithAll.ResidentBytes - WithOne.ResidentBytes) / Math.Max(1, Circuits - 1);

    private double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /// <summary>One line for scripts: the fan-out command's last line.</summary>
    public string Summary() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"circuits={Circuits} p50_ms={P50:0} p95_ms={P95:0} rss_mb={WithAll.ResidentBytes / 1048576.0:0} managed_mb={WithAll.ManagedBytes / 1048576.0:0}");

    public string Describe() =>
        $"{Circuits} circuits × {Trials} changes: p50 {P50:n0} ms, p95 {P95:n0} ms, max {Max:n0} ms; server with one circuit " +
        $"{WithOne.ResidentBytes / 1048576.0:n0} MB resident ({WithOne.ManagedBytes / 1048576.0:n0} MB managed), with {Circuits}: " +
        $"{WithAll.ResidentBytes / 1048576.0:n0} MB resident ({WithAll.ManagedBytes / 1048576.0:n0} MB managed); per circuit " +
        $"{ResidentBytesPerCircuit / 1024:n0} KB resident, {ManagedBytesPerCircuit / 1024:n0} KB managed";
}

/// <summary>
/// The live fan-out harness: real Chromium pages on the overview (`/`), each its own Blazor circuit; a change is
/// committed (a dossier received) and every page timestamps the moment its "received today" tile shows the new count.
/// Page clocks and ours are the same machine's, so the difference is the latency a director would see.
/// </summary>
public static class LiveFanOut
{
    /// <summary>Debian's Chromium with the flags this closed network needs (STACK.md).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    });

    private const string Tile = "[data-testid=tile-received-value]";

    // Resolves window.__arrived with a high-resolution wall-clock timestamp once the tile shows the expected text.
    private const string Watch = """
        expected => {
            window.__arrived = null;
            const check = () => {
                const el = document.querySelector('[data-testid=tile-received-value]');
                if (el && el.textContent.trim() === expected && window.__arrived === null) {
                    window.__arrived = performance.timeOrigin + performance.now();
                    observer.disconnect();
                }
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            check();
        }
        """;

    /// <param name="makeChange">Commits one change and returns the instant (UTC) it was committed and published.</param>
    public static async Task<FanOutResult> RunAsync(IBrowser browser, Uri baseAddress, int circuits, int trials, Func<Task<DateTime>> makeChange,
        Func<ServerMemory> memory, TextWriter log, (string User, string Password)? signIn = null, CancellationToken ct = default)
    {
        if (circuits < 1 || trials < 1) throw new ArgumentOutOfRangeException(nameof(circuits), "At least one circuit and one change.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "vi-VN" });
        context.SetDefaultTimeout(60_000);
        try
        {
            if (signIn is { } who)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/signin?returnUrl=%2F");
                await page.Locator("#username").FillAsync(who.User);
                await page.Locator("#password").FillAsync(who.Password);
                await page.Locator("#password").PressAsync("Enter");
                await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/$"));
                await page.CloseAsync();
            }

            var pages = new List<IPage> { await OpenAsync(context) };
            var withOne = memory();
            // The rest, a few at a time (a hundred at once would time the browser's start-up, not the server).
            while (pages.Count < circuits)
            {
                var batch = Math.Min(10, circuits - pages.Count);
                pages.AddRange(await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => OpenAsync(context))));
                log.WriteLine($"  {pages.Count} circuits connected");
            }
            await Task.Delay(1000, ct); // let first renders and their buffers settle
            var withAll = memory();

            var latencies = new List<double>(circuits * trials);
            for (int t = 0; t < trials; t++)
            {
                var current = (await pages[0].Locator(Tile).TextContentAsync())!.Trim();
                var expected = Next(current);
                await Task.WhenAll(pages.Select(p => p.EvaluateAsync(Watch, expected)));
                // The commit's own instant, not the moment the call returned: under load the caller resumed up to half
                // a second after the pages had already shown the change (negative latencies in CI).
                var committed = (await makeChange() - DateTime.UnixEpoch).TotalMilliseconds;
                var arrived = await Task.WhenAll(pages.Select(async p =>
                {
                    await p.WaitForFunctionAsync("() => window.__arrived !== null", null, new PageWaitForFunctionOptions { PollingInterval = 20 });
                    return await p.EvaluateAsync<double>("() => window.__arrived");
                }));
                latencies.AddRange(arrived.Select(a => a - committed));
                log.WriteLine($"  change {t + 1}: median {arrived.Order().ElementAt(arrived.Length / 2) - committed:n0} ms, last {arrived.Max() - committed:n0} ms");
                await Task.Delay(300, ct); // past the overview's debounce, so the next change is its own burst
            }
            return new FanOutResult(circuits, trials, latencies, withOne, withAll);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-testid=connection-state].live").WaitForAsync();
        await page.Locator(Tile).WaitForAsync();
        return page;
    }

    /// <summary>
    /// The change the harness commits, in an app's own services: postal1 receives a counter dossier for Sở Nội vụ
    /// through <see cref="DossierWorkflow"/>, exactly as the intake form does (and it publishes to the live hub).
    /// </summary>
    /// The instant returned is when the workflow published the committed change to the live hub (stamped on the
    /// publishing thread, by the subscription's filter, which the hub runs synchronously).
    public static async Task<Func<Task<DateTime>>> CounterIntakeAsync(IServiceProvider services)
    {
        var workflow = services.GetRequiredService<DossierWorkflow>();
        var hub = services.GetRequiredService<OneStop.Web.Live.DossierChangeHub>();
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var postal1 = (await db.Staff.SingleAsync(s => s.UserName == "postal1")).Id;
        var procedureId = (await db.Procedures.Where(p => p.Department!.Code == "SNV").ToListAsync()).First(p => p.Allows(Channel.Counter)).Id;
        return async () =>
        {
            // Every code published meanwhile (the simulator may be running too); ours is read once its code is known.
            var published = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTime>();
            using var stamp = hub.Subscribe(c => { published.TryAdd(c.Code, DateTime.UtcNow); return false; }, _ => Task.CompletedTask);
            var dossier = await workflow.ReceiveAsync(new IntakeRequest
            {
                ProcedureId = procedureId, Channel = Channel.Counter, ResultDelivery = ResultDelivery.Counter,
                ApplicantName = "Trần Thị Mai", ApplicantPhone = "0905123456", ApplicantIdNumber = "045190009876",
                ApplicantAddress = "5 Hùng Vương, Đông Hà, Quảng Trị",
            }, postal1);
            return published.TryGetValue(dossier.Code, out var at) ? at
                : throw new InvalidOperationException($"The intake committed {dossier.Code} but did not publish it to the live hub.");
        };
    }

    /// <summary>The tile's next count, written as the page writes numbers (Vietnamese thousands separator).</summary>
    internal static string Next(string shown)
    {
        var digits = new string(shown.Where(char.IsDigit).ToArray());
        var next = long.Parse(digits) + 1;
        return next.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
    }
}
