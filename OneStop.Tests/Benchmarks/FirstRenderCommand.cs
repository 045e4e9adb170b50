using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;

namespace OneStop.Benchmarks;

/// <summary>What one page's first render cost, over the runs of one app.</summary>
/// <param name="ServerMs">A signed-in GET of the page: request sent → last byte of the prerendered HTML.</param>
/// <param name="ContentMs">In Chromium: navigation start → the page's own content drawn (DOMContentLoaded of the prerendered HTML).</param>
/// <param name="InteractiveMs">In Chromium: navigation start → the circuit's first interactive render ("Trực tuyến" shown).</param>
public sealed record FirstRenderResult(string App, string Path, IReadOnlyList<double> ServerMs, IReadOnlyList<double> ContentMs,
    IReadOnlyList<double> InteractiveMs, long HtmlBytes)
{
    private static double Median(IReadOnlyList<double> values) => Medians.Of(values);

    public string Describe() =>
        $"firstrender app={App} path={Path} runs={ServerMs.Count} server_ms={Median(ServerMs):n0} content_ms={Median(ContentMs):n0} " +
        $"interactive_ms={Median(InteractiveMs):n0} html_kb={HtmlBytes / 1024.0:n0}";
}

/// <summary>
/// `firstrender --app NAME=URL [--app NAME=URL …] [--paths /,/queues/SCT] [--runs N]`: the first render of pages of apps
/// that are already running (so that two builds, e.g. the Radzen one and today's, are measured in one sitting, taking
/// turns run by run so the machine's noise falls on both alike). Signs in as the director on each app, then for every run,
/// app and path: a GET of the prerendered page and a fresh Chromium page timed to its content and to its live circuit.
/// </summary>
public static class FirstRenderCommand
{
    public static async Task<IReadOnlyList<FirstRenderResult>> RunAsync(IReadOnlyList<(string Name, Uri Url)> apps, IReadOnlyList<string> paths,
        int runs, TextWriter log, string user = "director", string password = "demo")
    {
        if (apps.Count == 0) throw new ArgumentException("firstrender: at least one --app NAME=URL.");
        if (runs < 1) throw new ArgumentException("firstrender: --runs must be at least 1.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LiveFanOut.LaunchChromiumAsync(playwright);

        var sessions = new List<(string Name, IBrowserContext Context, HttpClient Http)>();
        foreach (var (name, url) in apps)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url.ToString(), Locale = "vi-VN" });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/signin?returnUrl=%2F");
            await page.Locator("#username").FillAsync(user);
            await page.Locator("#password").FillAsync(password);
            await page.Locator("#password").PressAsync("Enter");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/$"));
            await page.CloseAsync();
            // The same sign-in cookie for the plain GETs.
            var cookies = new CookieContainer();
            foreach (var c in await context.CookiesAsync()) cookies.Add(url, new System.Net.Cookie(c.Name, c.Value, "/"));
            sessions.Add((name, context, new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = url }));
        }

        var samples = sessions.SelectMany(s => paths.Select(p => (s.Name, Path: p))).ToDictionary(k => k,
            _ => (Server: new List<double>(), Content: new List<double>(), Interactive: new List<double>(), Bytes: 0L));
        // One unmeasured round first: the apps' first requests compile and fill caches that every later visit finds warm.
        for (int run = 0; run <= runs; run++)
        {
            foreach (var (name, context, http) in sessions)
                foreach (var path in paths)
                {
                    var stopwatch = Stopwatch.StartNew();
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    var html = await response.Content.ReadAsByteArrayAsync();
                    var serverMs = stopwatch.Elapsed.TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.OK)
                        throw new InvalidOperationException($"{name} {path}: {(int)response.StatusCode} (signed in as {user}?)");

                    var page = await context.NewPageAsync();
                    await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
                    // Resolves with performance.now() (ms since navigation start) when the circuit's first render shows "live".
                    var interactive = await (await page.WaitForFunctionAsync(
                        "() => document.querySelector('[data-testid=connection-state].live') ? performance.now() : null",
                        null, new PageWaitForFunctionOptions { PollingInterval = 10 })).JsonValueAsync<double>();
                    var content = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
                    await page.CloseAsync();

                    if (run == 0) continue;
                    var s = samples[(name, path)];
                    s.Server.Add(serverMs); s.Content.Add(content); s.Interactive.Add(interactive);
                    samples[(name, path)] = s with { Bytes = html.Length };
                    log.WriteLine($"  run {run} {name} {path}: server {serverMs:n0} ms, content {content:n0} ms, interactive {interactive:n0} ms");
                }
        }
        foreach (var (_, context, http) in sessions) { http.Dispose(); await context.CloseAsync(); }
        return samples.Select(kv => new FirstRenderResult(kv.Key.Name, kv.Key.Path, kv.Value.Server, kv.Value.Content, kv.Value.Interactive, kv.Value.Bytes)).ToList();
    }

    /// <summary>"name=http://127.0.0.1:5081" → (name, its URL); a bad value names the rule.</summary>
    public static (string Name, Uri Url) ParseApp(string value)
    {
        var at = value.IndexOf('=');
        if (at <= 0 || !Uri.TryCreate(value[(at + 1)..], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"firstrender: --app «{value}» must be NAME=http(s)://host:port.");
        return (value[..at], url);
    }
}
